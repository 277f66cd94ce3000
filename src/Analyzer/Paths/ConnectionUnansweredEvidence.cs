using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Evidence of <see cref="FindingKind.ConnectionUnanswered"/>: the server's ARP requests (or neighbour solicitations)
/// for the client's own address, none answered, while the client's SYNs came in through a router.
/// </summary>
public sealed record ConnectionUnansweredEvidence(int ServerAskedForClient) : FindingEvidence;
