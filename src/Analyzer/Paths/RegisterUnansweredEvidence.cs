using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Evidence of <see cref="FindingKind.RegisterUnanswered"/>: the unanswered REGISTER's path (its request hop; no response hop).</summary>
public sealed record RegisterUnansweredEvidence(TransactionPathEvidence Path) : FindingEvidence, IPathFindingEvidence
{
    TransactionPathEvidence? IPathFindingEvidence.Path => Path;
}
