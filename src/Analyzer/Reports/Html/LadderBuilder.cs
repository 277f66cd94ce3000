using System.Globalization;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Points;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// Lays out the ladder of a set of transactions (one registration or call, every capture point's copy) from the
/// same objects the other reports read: the cross-point correlation says which points saw each transmission and
/// in which order, the transaction paths name the next hops. Columns: the client, then each capture point's lane
/// from the client's side to the server's with a router column wherever the frames' MACs show one between two
/// points (or before the first), a column for each next hop a response left toward other than the one its request
/// came from, then the server; the hosts of a proxy's other legs stand beyond the client or the server (see
/// OtherHosts), and each arrow goes between its own transaction's client and server. Hosts and routers carry the
/// topology file's names when it gives them; the TCP connections that carried the messages are drawn with them.
/// </summary>
internal sealed class LadderBuilder
{
    private static readonly string NoMac = PcapSipAnalyzer.Protocols.Frames.MacAddress.None.ToString();

    private readonly AnalysisResult _result;
    private readonly Dictionary<Transaction, TransactionPath> _paths = new(ReferenceEqualityComparer.Instance);

    public LadderBuilder(AnalysisResult result)
    {
        _result = result;
        foreach (var p in result.Paths) _paths.TryAdd(p.Transaction, p);
    }

    public Ladder Build(string title, IEnumerable<Transaction> transactions)
    {
        var sent = Transmissions(transactions);
        var first = sent.Count > 0 ? sent[0].Copies[0].Transaction : transactions.First();
        var owner = _result.Correlation?.Of(first);
        string client = owner?.Client is { Length: > 0 } c ? c : first.Client;
        string server = owner?.Server is { Length: > 0 } s ? s : first.Server;
        // A proxy's other legs (the PBX forwarding the call to the callee): every host a message of these transactions
        // went between gets a column, so no leg is drawn as if the caller sent it. The lanes and the routers between
        // them come from the client's leg; another leg's messages only place the lanes that leg alone passed.
        var others = OtherHosts(sent, client, server);
        var left = others.Where(o => o.Left).ToList();
        var right = others.Where(o => !o.Left).ToList();
        var legs = new LegDirections(this, [.. left.Select(o => o.Endpoint), client, server, .. right.Select(o => o.Endpoint)], client, server);
        var lanes = LaneOrder(sent, legs);
        var (stops, routerByMac) = Columns(sent.Where(t => legs.OtherLegRightward(t) is null).ToList(), lanes,
            left.Select(o => HostStop(o.Endpoint, o.Role)).ToList(), HostStop(client, "client"), HostStop(server, "server"));
        foreach (var o in right) stops.Add(HostStop(o.Endpoint, o.Role));
        var groups = sent.GroupBy(t => (t.Owner, t.Kind, t.Label)).ToList();
        var arrows = new List<LadderArrow>();
        foreach (var group in groups.Take(Ladder.MaxArrows))
            arrows.Add(Arrow(group.ToList(), stops, routerByMac, sent));
        arrows.AddRange(IcmpArrows(sent, stops, routerByMac, server));
        arrows.AddRange(LookupArrows(sent, stops));
        arrows.AddRange(LadderHandshakes.Arrows(_result, LadderHandshakes.Of(_result, transactions.Select(t => _paths.GetValueOrDefault(t)).OfType<TransactionPath>()), stops));
        arrows.Sort(static (a, b) => a.TimeNs.CompareTo(b.TimeNs));
        return new Ladder { Title = title, Stops = stops, Arrows = arrows, ArrowsNotDrawn = Math.Max(0, groups.Count - Ladder.MaxArrows) };
    }

    /// <summary>
    /// Which way another leg's messages go as drawn, the hosts in column order (<paramref name="order"/>: the other legs'
    /// hosts left of the client, the client, the server, those right of the server): null for the client's own leg
    /// (and for hosts past <see cref="MaxOtherHosts"/>).
    /// </summary>
    private sealed class LegDirections(LadderBuilder builder, List<string> order, string client, string server)
    {
        public bool? OtherLegRightward(LadderTransmission t)
        {
            var (from, to) = builder.EndpointsOf(t.Copies[0].Transaction);
            if ((from == client || from == server) && (to == client || to == server)) return null;
            int? rankFrom = Rank(from), rankTo = Rank(to);
            if (rankFrom is not { } f || rankTo is not { } r || f == r) return null;
            return t.Kind == MessageKind.Response ? f > r : r > f;
        }

        /// <summary>True for a message of the client's leg that travels from the client's side to the server's: a request the client sent, or an answer to one the server sent.</summary>
        public bool Rightward(LadderTransmission t) =>
            (t.Kind == MessageKind.Response) == (builder.EndpointsOf(t.Copies[0].Transaction).Client == server);

        private int? Rank(string endpoint) => order.IndexOf(endpoint) is var i and >= 0 ? i : null;
    }

    /// <summary>Host columns drawn besides the client and the server; a ladder with more hosts draws the rest between those two.</summary>
    internal const int MaxOtherHosts = 4;

    // The endpoints other than the ladder's client and server that its messages went between, in the order they first
    // appear, each on the side of the lanes opposite the host it first talked to, so that every arrow crosses the lanes
    // that saw it: a callee the server forwarded the call to stands beyond the client (the server is right of every
    // lane), a host the client called directly beyond the server, and of two new hosts talking to each other the one
    // that sent the request on the left.
    private List<(string Endpoint, string Role, bool Left)> OtherHosts(List<LadderTransmission> sent, string client, string server)
    {
        var others = new List<(string Endpoint, string Role, bool Left)>();
        bool? LeftOf(string endpoint) => endpoint == client ? true : endpoint == server ? false
            : others.FindIndex(o => o.Endpoint == endpoint) is var i and >= 0 ? others[i].Left : null;
        foreach (var t in sent)
        {
            var transaction = t.Copies[0].Transaction;
            var (from, to) = EndpointsOf(transaction);
            foreach (var (endpoint, partner, isServer) in new[] { (from, to, false), (to, from, true) })
            {
                if (endpoint.Length == 0 || LeftOf(endpoint) is not null) continue;
                if (others.Count == MaxOtherHosts) return others;
                bool left = LeftOf(partner) is { } partnerLeft ? !partnerLeft : !isServer;
                others.Add((endpoint, isServer && transaction.Method == "INVITE" ? "callee" : "peer", left));
            }
        }
        return others;
    }

    // A transaction's client and server as the cross-point correlation names them (the addresses their own side
    // used, before a NAT), else as its one capture point saw them.
    private (string Client, string Server) EndpointsOf(Transaction t)
    {
        var seen = _result.Correlation?.Of(t);
        return (seen?.Client is { Length: > 0 } c ? c : t.Client, seen?.Server is { Length: > 0 } s ? s : t.Server);
    }

    private static int? HostColumnOf(List<LadderStop> stops, string address)
    {
        int i = stops.FindIndex(s => s.Endpoint is { } e && EndpointText.HostOf(e).Trim('[', ']') == address);
        return i < 0 ? null : i;
    }

    private static int? ColumnOf(List<LadderStop> stops, string endpoint)
    {
        int i = stops.FindIndex(s => s.Endpoint == endpoint);
        return i < 0 ? null : i;
    }

    /// <summary>
    /// The ladder of a TCP connection that carried no SIP message (its handshake never completed): the client, each
    /// capture point that saw it (in the order its first SYN passed them), the server; null when no point saw it.
    /// </summary>
    public Ladder? BuildForConnection(string title, string client, string server)
    {
        var seen = new List<(TcpHandshake Connection, CapturePoint Point, bool Flipped)>();
        foreach (var c in _result.TcpConnections)
        {
            if (c.Key.ClientEndpoint != client || c.Key.ServerEndpoint != server) continue;
            var point = _result.Points.FirstOrDefault(p => p.InterfaceId == c.Segment.InterfaceId && p.Captures.Contains(c.Segment.Capture));
            if (point is not null) seen.Add((c, point, false));
        }
        if (seen.Count == 0) return null;
        var stops = new List<LadderStop> { HostStop(client, "client") };
        foreach (var (c, point, _) in seen.OrderBy(x => _result.Correlation?.Align(x.Point, x.Connection.FirstSynNs) ?? x.Connection.FirstSynNs))
            if (!stops.Any(s => s.PointIndex == point.Index))
                stops.Add(new LadderStop { Name = point.Name, Detail = "capture point", IsPoint = true, PointIndex = point.Index });
        stops.Add(HostStop(server, "server"));
        var arrows = LadderHandshakes.Arrows(_result, seen, stops, withIcmp: true);
        // A SYN nobody answered while the server asked ARP for the client: the server looked for it on its own link.
        foreach (var (c, point, _) in seen)
            if (c.SynAckCount == 0 && _result.Lookups?.Unanswered(c.Segment, c.Key.Server, c.Key.Client) is { } lookup && LaneOf(stops, point) is var lane and >= 0)
                arrows.Add(LookupArrow(lookup, point, lane, c.Key.Client, c.Key.Server, stops));
        arrows.Sort(static (a, b) => a.TimeNs.CompareTo(b.TimeNs));
        return new Ladder { Title = title, Stops = stops, Arrows = arrows };
    }

    /// <summary>The ladder of a SIP message that never arrived whole (see <see cref="LadderFragments"/>); null when it cannot be drawn.</summary>
    public Ladder? BuildForFragments(Findings.Finding finding) => LadderFragments.Build(_result, finding, HostStop);

    // Every transmission of the transactions, each with the points that saw it along its way, in time order.
    private List<LadderTransmission> Transmissions(IEnumerable<Transaction> transactions)
    {
        var correlation = _result.Correlation;
        var owners = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var sent = new List<LadderTransmission>();
        foreach (var t in transactions)
        {
            if (correlation?.Of(t) is { } seen)
            {
                if (!owners.Add(seen)) continue;
                foreach (var m in seen.Messages)
                    sent.Add(new LadderTransmission(seen, m.Kind, LabelOf(m.Kind, m.Status, m.First.Transaction),
                        m.Sightings.Select(x => new LadderCopy(x.Point, x.Transaction, x.Message, x.AlignedNs)).ToList()));
                continue;
            }
            if (!owners.Add(t)) continue;
            var point = _result.Points[t.Point];
            LadderCopy One(TransactionMessage m) => new(point, t, m, correlation?.Align(point, m.TimestampNs) ?? m.TimestampNs);
            foreach (var m in t.Requests) sent.Add(new LadderTransmission(t, MessageKind.Request, t.Method, [One(m)]));
            foreach (var g in t.Responses)
                foreach (var m in g.Messages) sent.Add(new LadderTransmission(t, MessageKind.Response, LabelOf(MessageKind.Response, g.Status, t), [One(m)]));
            foreach (var m in t.Acks) sent.Add(new LadderTransmission(t, MessageKind.Ack, "ACK", [One(m)]));
        }
        sent.Sort(static (a, b) => a.Copies[0].AlignedNs.CompareTo(b.Copies[0].AlignedNs));
        return sent;
    }

    private static string LabelOf(MessageKind kind, int status, Transaction t)
    {
        if (kind != MessageKind.Response) return kind == MessageKind.Ack ? "ACK" : t.Method;
        string reason = t.ResponsesWithStatus(status)?.Reason ?? "";
        return status.ToString(CultureInfo.InvariantCulture) + (reason.Length > 0 ? " " + reason : "");
    }

    // The points from the client's side to the server's: as the request that passed most of them met them.
    private static List<CapturePoint> LaneOrder(List<LadderTransmission> sent, LegDirections legs)
    {
        var lanes = new List<CapturePoint>();
        var requests = sent.Where(t => t.Kind == MessageKind.Request).ToList();
        var widest = requests.Where(t => legs.OtherLegRightward(t) is null && legs.Rightward(t)).MaxBy(t => t.Copies.Count)
                     ?? requests.MaxBy(t => t.Copies.Count);
        if (widest is not null)
            foreach (var copy in widest.Copies)
                if (!lanes.Contains(copy.Point)) lanes.Add(copy.Point);
        foreach (var t in sent)
        {
            if (legs.OtherLegRightward(t) is { } rightward)
            {
                // Another leg's message, left to right as drawn: a lane it alone passed goes next to the last known
                // one it passed before it (the forwarded INVITE passes the PBX's uplink, then the far router).
                int at = 0;
                foreach (var copy in rightward ? t.Copies : Enumerable.Reverse(t.Copies))
                {
                    int known = lanes.IndexOf(copy.Point);
                    if (known >= 0) at = known + 1;
                    else lanes.Insert(at++, copy.Point);
                }
                continue;
            }
            // A message from the server's side (an answer, or a request the server sent) passes the points from the
            // server's side first: the unknown ones go nearest the server.
            var along = legs.Rightward(t) ? t.Copies : Enumerable.Reverse(t.Copies);
            foreach (var copy in along)
                if (!lanes.Contains(copy.Point)) lanes.Add(copy.Point);
        }
        return lanes;
    }

    // The topology file's name for the host when it has one, its address under it; else the address as the name.
    private LadderStop HostStop(string endpoint, string role)
    {
        string ip = EndpointText.HostOf(endpoint).Trim('[', ']');
        string? name = _result.Topology is { } topology && Protocols.Frames.NetAddress.TryParse(ip, out var address) ? topology.NameOf(address) : null;
        return new LadderStop
        {
            Name = name ?? endpoint,
            Detail = name is null ? role : $"{role} {endpoint}",
            Endpoint = endpoint,
            IsClient = role == "client",
            IsServer = role == "server",
        };
    }

    private (List<LadderStop> Stops, Dictionary<string, int> RouterByMac) Columns(List<LadderTransmission> sent, List<CapturePoint> lanes,
        List<LadderStop> left, LadderStop client, LadderStop server)
    {
        var stops = new List<LadderStop>(left) { client };
        var routerByMac = new Dictionary<string, int>(StringComparer.Ordinal);
        LadderCopy? previous = null;
        for (int i = 0; i < lanes.Count; i++)
        {
            var request = sent.Where(t => t.Kind == MessageKind.Request).SelectMany(t => t.Copies).FirstOrDefault(c => c.Point == lanes[i]);
            var path = request is null ? null : _paths.GetValueOrDefault(request.Transaction);
            if (request is not null)
            {
                string from = request.Message.SourceMac;
                if (previous is null && path is { Side: PathSide.Server, RequestHop: { IsRouter: true } hop })
                    AddRouter(HopName(hop), hop.Mac.ToString(), hop.Mac.ToString());
                else if (previous is not null && previous.Message.SourceMac != from)
                    AddRouter(path?.RequestHop is { } h && h.Mac.ToString() == from ? HopName(h) : "router",
                        from, previous.Message.DestinationMac == from ? from : $"{previous.Message.DestinationMac} / {from}");
                // A response that left toward another next hop than the request came from: that hop gets a column.
                foreach (var copy in sent.Where(t => t.Kind == MessageKind.Response).SelectMany(t => t.Copies))
                    if (copy.Point == lanes[i] && copy.Message.SourceMac == request.Message.DestinationMac && copy.Message.DestinationMac != from)
                        AddRouter(path?.ResponseHop is { } r && r.Mac.ToString() == copy.Message.DestinationMac ? HopName(r) : "next hop",
                            copy.Message.DestinationMac, copy.Message.DestinationMac);
                previous = request;
            }
            stops.Add(new LadderStop { Name = lanes[i].Name, Detail = "capture point", IsPoint = true, PointIndex = lanes[i].Index });
            if (i == lanes.Count - 1 && path is { Side: PathSide.Client, RequestHop: { IsRouter: true } last })
                AddRouter(HopName(last), last.Mac.ToString(), last.Mac.ToString());
        }
        stops.Add(server);
        return (stops, routerByMac);

        void AddRouter(string name, string mac, string detail)
        {
            if (routerByMac.ContainsKey(mac)) return;
            routerByMac[mac] = stops.Count;
            stops.Add(new LadderStop { Name = name, Detail = detail, Mac = mac });
        }
    }

    // "router 192.168.0.1" or the topology file's name with the address; the MAC goes on the column's second line.
    private static string HopName(NextHop hop)
    {
        string role = hop.Name ?? (hop.IsRouter ? "router" : "host");
        return hop.Addresses.Count == 0 ? role : $"{role} {hop.Address}";
    }

    private LadderArrow Arrow(List<LadderTransmission> group, List<LadderStop> stops, Dictionary<string, int> routerByMac, List<LadderTransmission> sent)
    {
        var head = group[0];
        var firstCopy = head.Copies[0];
        bool request = head.Kind != MessageKind.Response;
        // Between the columns of this transaction's own client and server: a leg the server forwarded, or a request
        // the server sent back (a BYE when the callee hangs up), goes the way it went.
        var (clientEnd, serverEnd) = EndpointsOf(firstCopy.Transaction);
        int clientColumn = ColumnOf(stops, clientEnd) ?? LadderStop.ClientColumn(stops), serverColumn = ColumnOf(stops, serverEnd) ?? LadderStop.ServerColumn(stops);
        if (clientColumn == serverColumn) (clientColumn, serverColumn) = (LadderStop.ClientColumn(stops), LadderStop.ServerColumn(stops));
        int from = request ? clientColumn : serverColumn, to = request ? serverColumn : clientColumn;
        int step = to > from ? 1 : -1;
        var seenAt = new SortedSet<int>();
        foreach (var t in group)
            foreach (var copy in t.Copies)
                seenAt.Add(LaneOf(stops, copy.Point));
        // The furthest lane along the way that saw a copy; a lane beyond it that saw anything else of the
        // transaction would have seen this message too, had it passed.
        int furthest = step > 0 ? seenAt.Max : seenAt.Min;
        var ownerLanes = new HashSet<int>(sent.Where(t => ReferenceEquals(t.Owner, head.Owner)).SelectMany(t => t.Copies).Select(c => LaneOf(stops, c.Point)));
        bool lostBeyond = false, laneBeyond = false;
        for (int s = furthest + step; s >= 0 && s < stops.Count && (to - s) * step >= 0; s += step)
        {
            if (!stops[s].IsPoint) continue;
            laneBeyond = true;
            if (ownerLanes.Contains(s)) lostBeyond = true;
        }
        var lastCopy = group.SelectMany(t => t.Copies).First(c => LaneOf(stops, c.Point) == furthest);
        bool notDelivered = !laneBeyond && head.Kind == MessageKind.Response && head.Copies[0].Message.Status >= 200 &&
                            _paths.GetValueOrDefault(lastCopy.Transaction) is { Delivery: ResponseDelivery.NotDelivered };
        // A request a router on the way answered with "unreachable" or "prohibited" went no further than that router
        // (unless a later copy got through and was answered: then the arrow, which stands for every copy, arrived).
        bool refused = request && _paths.GetValueOrDefault(lastCopy.Transaction) is { FinalResponse: null } requestPath
                       && requestPath.IcmpErrors.Any(e => e.ForwardingFailed && e.Quoted.Source == lastCopy.Message.Meta.SourceIp);
        bool lost = lostBeyond || notDelivered || refused;
        double end = to;
        if (lost)
            end = routerByMac.TryGetValue(lastCopy.Message.DestinationMac, out int hop) && (hop - furthest) * step > 0 ? hop : furthest + step * 0.5;
        var frames = group.SelectMany(t => t.Copies).Select(c => c.Message.Frame.ToString()).Distinct().ToList();
        long cseq = firstCopy.Transaction.CSeq;
        // A Linux cooked capture keeps no destination MAC: "→ 00:00:00:00:00:00" would name a next hop that is not there.
        string nextHop = firstCopy.Message.DestinationMac == NoMac ? "next hop not recorded" : $"→ {firstCopy.Message.DestinationMac}";
        string detail = $"CSeq {cseq} · {Timestamps.Clock(firstCopy.AlignedNs)} · frame {firstCopy.Message.Frame} · {nextHop}";
        if (!request && _paths.GetValueOrDefault(firstCopy.Transaction) is { } answered)
        {
            // An answer sent to the Via's port, not where the request came from: the client column's address is not where it went.
            if (answered.RepliedTo is { } elsewhere && firstCopy.Message.Destination == elsewhere)
                detail += " · " + ElsewhereNote(elsewhere, firstCopy.Transaction.Client);
            // An answer from another address than the request went to: the server column's address is not where it came from.
            if (answered.RepliedFrom is { } source && firstCopy.Message.Source == source)
                detail += $" · from {source}";
        }
        return new LadderArrow
        {
            Kind = head.Kind switch { MessageKind.Request => "request", MessageKind.Response => "response", _ => "ack" },
            Label = head.Label,
            Detail = detail,
            Copies = group.Count,
            TimeNs = firstCopy.AlignedNs,
            From = from,
            To = end,
            Lost = lost,
            SeenAt = seenAt.ToList(),
            Frames = frames.Take(Ladder.MaxFramesPerArrow).ToList(),
            FramesNotListed = Math.Max(0, frames.Count - Ladder.MaxFramesPerArrow),
        };
    }

    // The server's ARP requests for the client on its own link, which nobody answered: one arrow from the server that
    // stops, crossed, on the lane that saw them, short of every router: it never sent to one.
    private IEnumerable<LadderArrow> LookupArrows(List<LadderTransmission> sent, List<LadderStop> stops)
    {
        var shown = new HashSet<NeighborLookups.Lookup>(ReferenceEqualityComparer.Instance);
        foreach (var t in sent.SelectMany(x => x.Copies).Select(c => c.Transaction).Distinct(ReferenceEqualityComparer.Instance).Cast<Transaction>())
        {
            if (_paths.GetValueOrDefault(t) is not { ClientLookup: { } lookup } || !shown.Add(lookup) || t.Requests.Count == 0) continue;
            var point = _result.Points[t.Point];
            int lane = LaneOf(stops, point);
            if (lane < 0) continue;
            var meta = t.Requests[0].Meta;
            yield return LookupArrow(lookup, point, lane, meta.SourceIp, meta.DestinationIp, stops, ColumnOf(stops, EndpointsOf(t).Server));
        }
    }

    private LadderArrow LookupArrow(NeighborLookups.Lookup lookup, CapturePoint point, int lane, Protocols.Frames.NetAddress client,
                                    Protocols.Frames.NetAddress server, List<LadderStop> stops, int? serverColumn = null)
    {
        long firstNs = _result.Correlation?.Align(point, lookup.FirstNs) ?? lookup.FirstNs;
        return new LadderArrow
        {
            Kind = "arp",
            Label = $"ARP who has {client}?",
            Detail = $"from {server} · {Timestamps.Clock(firstNs)} · frame {lookup.Frames[0]} · unanswered",
            Copies = lookup.Count,
            TimeNs = firstNs,
            From = serverColumn ?? LadderStop.ServerColumn(stops),
            To = lane - 0.5,
            Lost = true,
            SeenAt = [lane],
            Frames = lookup.Frames.Take(Ladder.MaxFramesPerArrow).Select(f => f.ToString()).ToList(),
            FramesNotListed = Math.Max(0, lookup.Count - Math.Min(lookup.Frames.Count, Ladder.MaxFramesPerArrow)),
        };
    }

    // "to :5060 (Via), not :40915" for another port of the same address (the label stays short), else the whole endpoint.
    private static string ElsewhereNote(string to, string client) =>
        EndpointText.HostOf(to) == EndpointText.HostOf(client)
            ? $"to :{EndpointText.PortOf(to)} (Via), not :{EndpointText.PortOf(client)}"
            : $"to {to} (Via)";

    private static int LaneOf(List<LadderStop> stops, CapturePoint point) => stops.FindIndex(s => s.IsPoint && s.PointIndex == point.Index);

    // ICMP errors quoting a message of these transactions, grouped like retransmissions (one per router and
    // reason: a router answers every copy of a lost response): from the router that sent them (its column when it
    // has one, else the lane that saw them) toward the host they were sent to.
    private IEnumerable<LadderArrow> IcmpArrows(List<LadderTransmission> sent, List<LadderStop> stops, Dictionary<string, int> routerByMac, string server)
    {
        var transactions = sent.SelectMany(t => t.Copies).Select(c => c.Transaction).Distinct(ReferenceEqualityComparer.Instance).Cast<Transaction>();
        var groups = new Dictionary<(string Mac, string Reason, int Lane), List<(IcmpError Error, long AlignedNs)>>();
        var shown = new HashSet<Packets.FrameRef>();
        foreach (var t in transactions)
        {
            if (_paths.GetValueOrDefault(t) is not { } path) continue;
            var point = _result.Points[t.Point];
            int lane = LaneOf(stops, point);
            foreach (var e in path.IcmpErrors)
            {
                if (!shown.Add(e.Frame)) continue;
                var key = (e.ReporterMac.ToString(), e.Reason, lane);
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = new();
                list.Add((e, _result.Correlation?.Align(point, e.TimestampNs) ?? e.TimestampNs));
            }
        }
        foreach (var ((mac, reason, lane), list) in groups.Take(Ladder.MaxArrows))
        {
            var first = list.MinBy(x => x.AlignedNs).Error;
            // From its router's column, or from the host that sent it (a phone's NAT answering for a forgotten binding),
            // else from the lane that saw it.
            int from = routerByMac.TryGetValue(mac, out int hop) ? hop : HostColumnOf(stops, first.ReporterIp.ToString()) ?? lane;
            bool toServer = server.StartsWith(first.DestinationIp + ":", StringComparison.Ordinal) || server == first.DestinationIp.ToString();
            // Toward the host it was sent to: the server, another leg's host, else the client.
            int to = toServer ? LadderStop.ServerColumn(stops) : HostColumnOf(stops, first.DestinationIp.ToString()) ?? LadderStop.ClientColumn(stops);
            yield return LadderArrow.ForIcmp(list, mac, reason, from, to, lane);
        }
    }
}
