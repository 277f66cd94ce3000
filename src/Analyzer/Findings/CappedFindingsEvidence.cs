namespace PcapSipAnalyzer.Analyzer.Findings;

/// <summary>
/// Evidence of the counted finding that stands for the findings of one kind past the report's cap: how many and
/// how often, and a few of their clients.
/// </summary>
public sealed record CappedFindingsEvidence(int FindingsNotListed, long OccurrencesNotListed, IReadOnlyList<string> ClientsNamed) : FindingEvidence;
