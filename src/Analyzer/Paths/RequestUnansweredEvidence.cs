using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Evidence of <see cref="FindingKind.RegisterUnanswered"/> and <see cref="FindingKind.InviteUnanswered"/>: the unanswered
/// request's path (its request hop; no response hop).
/// </summary>
public sealed record RequestUnansweredEvidence(TransactionPathEvidence Path) : FindingEvidence, IPathFindingEvidence
{
    /// <summary>
    /// The capture sees the server's own traffic (its uplink or a mirror of its link), so no response means the server
    /// sent none; seen elsewhere (a router's leg, the client's side) it means only that none came back this way.
    /// </summary>
    public bool SeesServerTraffic { get; init; }

    /// <summary>
    /// The server's ARP requests (or neighbour solicitations) for the client's own address, none answered, while the
    /// client's requests came in through a router: it takes the client for a neighbour. 0 when it asked none.
    /// </summary>
    public int ServerAskedForClient { get; init; }

    TransactionPathEvidence? IPathFindingEvidence.Path => Path;
}
