namespace PcapSipAnalyzer.Analyzer.Findings;

/// <summary>
/// The typed facts a finding rests on (next hops, deliveries, counts), one record type per kind of evidence;
/// the JSON report writes them as the finding's <c>details</c>.
/// </summary>
public abstract record FindingEvidence;
