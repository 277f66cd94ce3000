using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Evidence of <see cref="FindingKind.AsymmetricPath"/>: the path of a transaction that took the detour (null when only TCP handshakes did).</summary>
public sealed record AsymmetricPathEvidence(TransactionPathEvidence? Path) : FindingEvidence, IPathFindingEvidence;
