using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Evidence of <see cref="FindingKind.IcmpError"/>: the routers that sent the errors and their reasons (each list
/// bounded), and the path of the client's transaction they quote (null when they quote a TCP segment only).
/// </summary>
public sealed record IcmpErrorEvidence(TransactionPathEvidence? Path, IReadOnlyList<string> Reporters, IReadOnlyList<string> Reasons)
    : FindingEvidence, IPathFindingEvidence;
