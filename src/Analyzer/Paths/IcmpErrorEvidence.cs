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
    /// <summary>
    /// Every error reports one of the client's requests (or connection attempts) that a router on the way to the
    /// server could not forward — unreachable, prohibited, TTL exceeded —, so the server never received it: the
    /// client's unanswered requests are that router's doing, not the server's.
    /// </summary>
    public bool RequestUndelivered { get; init; }
    /// <summary>
    /// Every exchange the errors are about was answered and the answer not lost (a TCP connection: it came up): the
    /// dropped copy was sent again and got through — a path MTU learned, an ARP lookup that failed once. Worth a note,
    /// not an error.
    /// </summary>
    public bool Recovered { get; init; }
    /// <summary>The router that sent the (first reported) errors, named from its own link where a capture saw it there.</summary>
    public NextHop? Reporter { get; init; }
}
