using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>One copy of a SIP message as one capture point saw it.</summary>
public sealed class Sighting
{
    public required CapturePoint Point { get; init; }
    /// <summary>The transaction the copy belongs to at that point.</summary>
    public required Transaction Transaction { get; init; }
    public required TransactionMessage Message { get; init; }
    public MessageKind Kind { get; init; }
    /// <summary>Capture time moved onto the reference clock (the first input's), so points compare.</summary>
    public long AlignedNs { get; internal set; }

    public override string ToString() => $"{Point.Name} {Message.Frame} {Kind} {Message.Status}";
}
