using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Evidence of <see cref="FindingKind.ResponseLost"/>: the lost response's path (null for a SYN-ACK lost beyond the right next hop) and the password check.</summary>
public sealed record ResponseLostEvidence(TransactionPathEvidence? Path, DigestVerdict? Password) : FindingEvidence, IPathFindingEvidence
{
    /// <summary>False when the capture keeps no destination MAC for the server's packets (a Linux cooked capture): which next hop the replies took is not in it.</summary>
    public bool NextHopRecorded { get; init; } = true;
    /// <summary>When it is not: the gateways the server asked ARP for around its replies, other than the requests' router (at most <see cref="GatewayLookups.MaxNamed"/>).</summary>
    public IReadOnlyList<string> GatewaysLookedUp { get; init; } = [];
    /// <summary>The one of them the replies most likely left through (the requests' router was never asked for); null when none stands out.</summary>
    public string? LikelyNextHop { get; init; }

    /// <summary>This evidence with what a capture without destination MACs still shows of the replies' next hop.</summary>
    internal ResponseLostEvidence WithUnrecordedNextHop(GatewayLookups? lookups) => this with
    {
        NextHopRecorded = false,
        GatewaysLookedUp = lookups?.Gateways.Select(x => x.Gateway.ToString()).ToList() ?? [],
        LikelyNextHop = lookups?.Likely?.ToString(),
    };
}
