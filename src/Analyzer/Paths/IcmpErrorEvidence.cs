using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Evidence of <see cref="FindingKind.IcmpError"/>: the routers that sent the errors and their reasons (each list
/// bounded), and the path of the client's transaction they quote (null when they quote a TCP segment only).
/// </summary>
public sealed record IcmpErrorEvidence(TransactionPathEvidence? Path, IReadOnlyList<string> Reporters, IReadOnlyList<string> Reasons)
    : FindingEvidence, IPathFindingEvidence
{
    /// <summary>
    /// Set when every error is a port unreachable from the addressed host itself: the endpoint nothing listens on,
    /// and whether it is the client's (its answers are refused) or the server's (its requests are).
    /// </summary>
    public string? ClosedEndpoint { get; init; }
    public bool ClosedAtClient { get; init; }
    /// <summary>
    /// Every error says the packet was too big for the next link and not to be fragmented (ICMP 3/4, ICMPv6 2): an
    /// MTU on the way, not a route.
    /// </summary>
    public bool TooBig { get; init; }
}
