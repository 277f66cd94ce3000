using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// Evidence of a <c>sip-fragments-lost</c> finding: the message (its start line), its size, how many of its copies
/// arrived only in part, and the capture points that saw it whole and in part — the fragments are dropped between
/// the last of the first and the first of the second (<see cref="DroppedAfter"/>, <see cref="DroppedBefore"/>).
/// </summary>
public sealed record FragmentLossEvidence(string Message, int FirstFragmentBytes, int? MessageBytes, int Copies,
    IReadOnlyList<string> WholeAt, IReadOnlyList<string> PartialAt) : FindingEvidence
{
    /// <summary>The last point (in the message's way) that saw it whole; null when none did.</summary>
    public string? DroppedAfter { get; init; }
    /// <summary>The first point that saw it only in part.</summary>
    public string? DroppedBefore { get; init; }
    /// <summary>The receiver's ICMP "fragment reassembly time exceeded" errors quoting the message's copies (for the ladder).</summary>
    public IReadOnlyList<Paths.IcmpError> ReassemblyTimeouts { get; init; } = [];
}
