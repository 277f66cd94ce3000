using PcapSipAnalyzer.Analyzer.Points;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// One transmission of a message with every copy the capture points saw, in the order it passed them; its
/// <see cref="Owner"/> (the transaction across points, or at its one point) groups its retransmissions.
/// </summary>
internal sealed record LadderTransmission(object Owner, MessageKind Kind, string Label, List<LadderCopy> Copies);
