using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>What the path findings' rules and words consult beyond the problem itself: the neighbours, the ICMP errors, the topology and credentials files, and each client's first working registration.</summary>
/// <param name="portOwner">The MAC of the device whose own port the point captured (a router's leg, the server's interface), none for a mirror.</param>
internal sealed class PathFindingContext(
    PathEvidence evidence, PathAnalyzerOptions options, TopologyFile? topology, CredentialsFile? credentials,
    IReadOnlyDictionary<string, TransactionPath> registered, MacAddress portOwner = default)
{
    public PathAnalyzerOptions Options => options;

    /// <summary>Which of the point's lists the report stopped keeping: counts made from a cut one are a lower bound.</summary>
    public RetentionCuts Cuts { get; init; }

    public NextHop Hop(SegmentKey segment, MacAddress mac) => evidence.Neighbors.NextHop(segment, mac);

    /// <summary>The next hop of <paramref name="mac"/>; null when the capture recorded none (no MAC, as in a Linux cooked capture).</summary>
    public NextHop? RecordedHop(SegmentKey segment, MacAddress mac) => PathAnalyzer.Comparable(mac) ? Hop(segment, mac) : null;

    /// <summary>The addresses <paramref name="asker"/> asked ARP (or ND) for on the link between the two times (see <see cref="NeighborLookups.AskedBy"/>).</summary>
    public List<(NetAddress Target, NeighborLookups.Lookup Lookup)> AskedBy(SegmentKey segment, NetAddress asker, long fromNs, long toNs) =>
        evidence.Lookups.AskedBy(segment, asker, fromNs, toNs);

    /// <summary>True when <paramref name="ip"/> is a host of the link, not a gateway (see <see cref="NeighborTable.IsEndHost"/>).</summary>
    public bool IsEndHost(SegmentKey segment, NetAddress ip) => evidence.Neighbors.IsEndHost(segment, ip);

    /// <summary>When the capture point that saw <paramref name="capture"/> ended.</summary>
    public long CaptureEndNs(int capture) => evidence.LastTimestampNs(capture);

    public PasswordCheck? Password(IEnumerable<TransactionPath> paths) => PasswordCheck.Find(paths, credentials);

    /// <summary>The REGISTER of <paramref name="client"/> whose 2xx first reached it, if any.</summary>
    public TransactionPath? RegisteredEarlier(string client) => registered.GetValueOrDefault(client);

    /// <summary>The server as the topology file names it, else "the registrar …" / "the server …".</summary>
    public string ServerName(Transaction t)
    {
        var ip = t.Requests.Count > 0 ? t.Requests[0].Meta.DestinationIp : NetAddress.None;
        string? name = ip.IsNone ? null : topology?.NameOf(ip);
        return name is not null ? $"{name} ({t.Server})" : t.Method == "REGISTER" ? $"the registrar {t.Server}" : $"the server {t.Server}";
    }

    /// <summary>
    /// True when the capture sees the server's own traffic: the request's destination MAC is a host, not a router (the
    /// capture sits on the server's link), and the point is not the port of the router that delivered the request —
    /// a router's leg sees what it sends to the server and nothing the server sends to another gateway.
    /// </summary>
    public bool IsServerUplink(TransactionPath p)
    {
        var t = p.Transaction;
        if (t.Requests.Count == 0) return false;
        var meta = t.Requests[0].Meta;
        if (meta.DestinationMac.IsNone || evidence.Neighbors.NextHop(evidence.SegmentOf(meta), meta.DestinationMac).IsRouter) return false;
        return portOwner.IsNone || portOwner != meta.SourceMac;
    }

    /// <summary>The errors quoting a segment of the connection, either way, seen where the handshake was seen.</summary>
    public List<IcmpError> IcmpAbout(TcpHandshake c) => evidence.Icmp.About(c);

    /// <summary>Every ICMP error of the problem once, in frame order, with the transaction it quotes (null for a TCP segment).</summary>
    public List<(IcmpError Error, TransactionPath? Path)> IcmpErrors(PathProblem p)
    {
        var errors = new List<(IcmpError Error, TransactionPath? Path)>();
        foreach (var path in p.Paths)
            foreach (var e in path.IcmpErrors)
                if (!errors.Exists(x => ReferenceEquals(x.Error, e))) errors.Add((e, path));
        foreach (var c in p.Handshakes)
            foreach (var e in IcmpAbout(c))
                if (!errors.Exists(x => ReferenceEquals(x.Error, e))) errors.Add((e, null));
        errors.Sort((a, b) => a.Error.Frame.CompareTo(b.Error.Frame));
        return errors;
    }
}
