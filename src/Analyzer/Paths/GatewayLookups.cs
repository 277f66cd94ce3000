using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// What a capture without destination MACs still shows of where a server sent its replies: the gateways it asked ARP
/// (or neighbour discovery) for around them, other than the clients, the hosts of its link and the router the
/// requests came from (<see cref="RequestRouter"/>, null when unknown), and whether it asked for that router too.
/// </summary>
internal sealed record GatewayLookups(NetAddress Server, IReadOnlyList<(NetAddress Gateway, NeighborLookups.Lookup Lookup)> Gateways,
    NetAddress? RequestRouter, bool AskedRequestRouter)
{
    /// <summary>At most this many gateways are named.</summary>
    public const int MaxNamed = 3;
    /// <summary>A lookup this long before the first reply still names its next hop: the answer is cached (Linux keeps it
    /// reachable for about 30 s and asks again only once it goes stale).</summary>
    private const long ArpCacheNs = 60_000_000_000;

    /// <summary>The one gateway the replies most likely left through: asked for, when the requests' router was not.</summary>
    public NetAddress? Likely => Gateways.Count == 1 && RequestRouter is not null && !AskedRequestRouter ? Gateways[0].Gateway : null;

    /// <summary>The lookups of <paramref name="server"/> between the two times; null when it asked for no such gateway.</summary>
    public static GatewayLookups? Of(PathFindingContext c, SegmentKey segment, NetAddress server, IReadOnlySet<NetAddress> clients,
        NextHop? requestHop, long fromNs, long toNs)
    {
        if (server.IsNone) return null;
        var right = requestHop?.Addresses ?? [];
        var all = c.AskedBy(segment, server, fromNs - ArpCacheNs, toNs);
        var gateways = all.Where(x => !clients.Contains(x.Target) && !right.Contains(x.Target) && !c.IsEndHost(segment, x.Target))
            .Take(MaxNamed).ToList();
        if (gateways.Count == 0) return null;
        return new GatewayLookups(server, gateways, right.Count > 0 ? right[0] : null, right.Count > 0 && all.Exists(x => right.Contains(x.Target)));
    }

    /// <summary>For the lost responses of <paramref name="p"/>'s transactions, or of its TCP handshakes.</summary>
    public static GatewayLookups? Of(PathProblem p, PathFindingContext c)
    {
        if (p.Paths.Count > 0)
        {
            var key = p.KeyPath;
            var server = key.Transaction.Requests.Count > 0 ? key.Transaction.Requests[0].Meta.DestinationIp : default;
            var clients = p.Paths.Select(x => x.Transaction.Requests.Count > 0 ? x.Transaction.Requests[0].Meta.SourceIp : default).ToHashSet();
            return Of(c, key.Segment, server, clients, key.RequestHop,
                p.Paths.Min(x => x.Transaction.FirstRequestNs), p.Paths.Max(x => x.Transaction.LastMessageNs));
        }
        if (p.Handshakes.Count == 0) return null;
        var h = p.Handshakes[0];
        return Of(c, h.Segment, h.Key.Server, p.Handshakes.Select(x => x.Key.Client).ToHashSet(), c.RecordedHop(h.Segment, h.SynSourceMac),
            p.Handshakes.Min(x => x.FirstSynNs), p.Handshakes.Max(x => Math.Max(x.FirstSynNs, x.FirstSynAckNs)));
    }
}
