using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Evidence of <see cref="FindingKind.ResponseLost"/>: the lost response's path (null for a SYN-ACK lost beyond the right next hop) and the password check.</summary>
public sealed record ResponseLostEvidence(TransactionPathEvidence? Path, DigestVerdict? Password) : FindingEvidence, IPathFindingEvidence;
