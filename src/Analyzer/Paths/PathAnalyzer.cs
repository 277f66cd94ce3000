using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Scans;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Checks, for every SIP transaction, the next hop its request came from against the next hop its response
/// went to (and against the topology file's gateway), and whether the response reached the client; then turns
/// what it found into findings, one per client and problem. Runs once, after the SIP engine has finished.
/// </summary>
public sealed class PathAnalyzer
{
    private readonly PathEvidence _evidence;
    private readonly PathAnalyzerOptions _options;

    public PathAnalyzer(PathEvidence evidence, TopologyFile? topology = null, CredentialsFile? credentials = null,
                        PathAnalyzerOptions? options = null)
    {
        _evidence = evidence;
        Topology = topology;
        Credentials = credentials;
        _options = options ?? new PathAnalyzerOptions();
        if (topology is not null) evidence.Neighbors.Topology = topology;
    }

    public TopologyFile? Topology { get; }
    public CredentialsFile? Credentials { get; }

    /// <summary>
    /// Paths and findings for the transactions and registrations the SIP engine built; with its
    /// <paramref name="scans"/>, one sip-scan finding per scanned server instead of one per scanning client.
    /// </summary>
    /// <param name="atPoint">Which links belong to the capture point analysed (its TCP handshakes); null = all.</param>
    /// <param name="portOwner">The MAC whose own port the point captured (<see cref="Pipeline.CapturePoint.PortOwnerMac"/>), none for a mirror.</param>
    /// <param name="cuts">Which of this point's lists the report stopped keeping at their caps.</param>
    public PathAnalysisResult Analyze(IReadOnlyList<Transaction> transactions, IReadOnlyList<Registration> registrations,
                                      ScanTally? scans = null, Func<SegmentKey, bool>? atPoint = null, MacAddress portOwner = default,
                                      RetentionCuts cuts = default)
    {
        var result = new PathAnalysisResult();
        var byCallId = new Dictionary<(int, string), List<Transaction>>();
        foreach (var t in transactions)
        {
            if (t.CallId is null) continue;
            if (!byCallId.TryGetValue((t.Point, t.CallId), out var list)) byCallId[(t.Point, t.CallId)] = list = new();
            list.Add(t);
        }
        foreach (var list in byCallId.Values) list.Sort((a, b) => a.CSeq != b.CSeq ? a.CSeq.CompareTo(b.CSeq) : a.FirstFrame.CompareTo(b.FirstFrame));
        // REGISTER first: the case this tool exists for; then every other method in capture order.
        var ordered = new List<Transaction>(transactions);
        ordered.Sort((a, b) => (a.Method == "REGISTER") != (b.Method == "REGISTER")
            ? (a.Method == "REGISTER" ? -1 : 1) : a.FirstFrame.CompareTo(b.FirstFrame));
        foreach (var t in ordered)
            result.Paths.Add(Build(t, byCallId.GetValueOrDefault((t.Point, t.CallId ?? "")) ?? []));

        var findings = new PathFindingBuilder(_evidence, _options, Topology, Credentials);
        var membership = scans is null ? null : new ScanMembership(scans, transactions);
        result.Findings.AddRange(findings.Build(result.Paths, registrations, membership, atPoint, portOwner, cuts));
        if (scans is not null) result.Findings.AddRange(new ScanFindingBuilder(_evidence).Build(scans));
        return result;
    }

    private TransactionPath Build(Transaction t, List<Transaction> sameCall)
    {
        var final = t.FinalResponse;
        var shown = final ?? (t.Responses.Count > 0 ? t.Responses[0] : null);
        var icmp = IcmpAbout(t);
        TransactionMessage? first = t.Requests.Count > 0 ? t.Requests[0] : null;
        if (shown is null || shown.Messages.Count == 0 || first is null)
        {
            var segment = first is null ? default : SegmentOf(first.Meta);
            var cameFrom = first is null || first.Meta.SourceMac.IsNone ? null : _evidence.Neighbors.NextHop(segment, first.Meta.SourceMac);
            return new TransactionPath
            {
                Transaction = t,
                Segment = segment,
                RequestHop = cameFrom,
                ClientLookup = first is null || final is not null ? null
                    : _evidence.ServerLookedForClient(segment, cameFrom, first.Meta.DestinationIp, first.Meta.SourceIp),
                RequestVlan = first?.Meta.Vlan ?? 0,
                RequestTtl = first?.Meta.Ttl ?? 0,
                IcmpErrors = icmp,
                Connection = ConnectionOf(t),
                Delivery = final is null ? ResponseDelivery.NoResponse : ResponseDelivery.Unknown,
                FinalResponse = final,
            };
        }

        var response = shown.Messages[0].Meta;
        var requestCopy = RequestOnSameLink(t, response);
        var request = requestCopy.Meta;
        var responseSegment = SegmentOf(response);
        var requestSegment = SegmentOf(request);
        bool sameInterface = _evidence.Canonical(request.Capture) == _evidence.Canonical(response.Capture) && request.InterfaceId == response.InterfaceId;
        // At the server's uplink both packets carry the server's MAC; nearer the client, the client's (or its
        // router's) MAC is the fixed end. Neither: the two packets were not seen on one link (a SPAN of several
        // ports, rewritten MACs) and their next hops cannot be compared.
        bool serverSide = response.SourceMac == request.DestinationMac;
        bool clientSide = !serverSide && response.DestinationMac == request.SourceMac;
        var side = clientSide ? PathSide.Client : PathSide.Server;
        var requestHopMac = side == PathSide.Server ? request.SourceMac : request.DestinationMac;
        var responseHopMac = side == PathSide.Server ? response.DestinationMac : response.SourceMac;
        var requestHop = Comparable(requestHopMac) ? _evidence.Neighbors.NextHop(requestSegment, requestHopMac) : null;
        var responseHop = Comparable(responseHopMac) ? _evidence.Neighbors.NextHop(responseSegment, responseHopMac) : null;
        // Another next hop only matters when a router is one of them: two host MACs for one address are the
        // client itself (a NIC change, a synthetic capture), not a route; a first-hop-redundancy virtual MAC stands
        // for a group of routers that may include the one that sent the request.
        bool comparable = sameInterface && (serverSide || clientSide) && requestHop is not null && responseHop is not null
                          && (requestHop.IsRouter || responseHop.IsRouter)
                          && !IsVirtualRouterMac(requestHopMac) && !IsVirtualRouterMac(responseHopMac);
        bool symmetric = !comparable || (requestHopMac == responseHopMac && request.Vlan == response.Vlan);

        NextHop? expected = null;
        string? expectedReason = null;
        bool against = false;
        if (Topology is not null && serverSide && responseHop is not null
            && Topology.GatewayFor(response.SourceIp, response.DestinationIp) is { } gateway)
        {
            (expected, against) = CheckAgainst(gateway, responseSegment, responseHop);
            expectedReason = gateway.Reason;
            // Two devices announce the gateway's address, the requests came through one and the response went to the
            // other: the address does not tell which is the gateway the file means.
            if (expected is not null && responseHop.SharedAddressWith(requestHop) is { } shared && expected.Addresses.Contains(shared))
                (expected, against, expectedReason) = (null, false, null);
        }

        var (delivery, evidenceText, after) = DeliveryOf(t, final, sameCall, icmp);
        return new TransactionPath
        {
            Transaction = t,
            Segment = responseSegment,
            Side = side,
            RequestHop = requestHop,
            ResponseHop = responseHop,
            ExpectedHop = expected,
            ExpectedReason = expectedReason,
            RequestVlan = request.Vlan,
            ResponseVlan = response.Vlan,
            RequestTtl = request.Ttl,
            ResponseTtl = response.Ttl,
            Symmetric = symmetric,
            AgainstTopology = against,
            Delivery = delivery,
            DeliveryEvidence = evidenceText,
            RetransmissionsAfterResponse = after,
            FinalResponse = final,
            IcmpErrors = icmp,
            Connection = ConnectionOf(t),
            RepliedTo = RepliedElsewhere(t, request, response, requestCopy.TopVia) ? response.Destination : null,
            ViaAsksRport = requestCopy.TopVia?.HasRport == true,
            RepliedFrom = t.Transport == Transport.Udp && (response.SourceIp != request.DestinationIp || response.SourcePort != request.DestinationPort)
                ? response.Source : null,
        };
    }

    // Over UDP, an answer sent elsewhere than the request came from, for a request that passed a NAT (its Via names
    // another address) or asked for rport: the server followed the Via where the source was the way back.
    private static bool RepliedElsewhere(Transaction t, in PacketMeta request, in PacketMeta response, Protocols.Sip.SipVia? via)
    {
        if (t.Transport != Transport.Udp || via is null) return false;
        if (response.DestinationIp == request.SourceIp && response.DestinationPort == request.SourcePort) return false;
        return TranslatedViaHost(via, request.SourceIp) is not null || via.HasRport;
    }

    /// <summary>The address a request's Via names when it is another than the request came from (a NAT on the way); else null.</summary>
    internal static string? TranslatedViaHost(Protocols.Sip.SipVia? via, NetAddress source) =>
        via is not null && NetAddress.TryParse(via.Host.Trim('[', ']'), out var named) && named != source ? via.Host : null;

    private TcpHandshake? ConnectionOf(Transaction t)
    {
        if (t.Transport is not (Transport.Tcp or Transport.Tls or Transport.WebSocket)) return null;
        var first = t.Requests.Count > 0 ? t.Requests[0] : t.Responses.Count > 0 && t.Responses[0].Messages.Count > 0 ? t.Responses[0].Messages[0] : null;
        if (first is null) return null;
        var connection = _evidence.Handshakes.FindFor(_evidence.Canonical(first.Meta.Capture), first.Meta, out _);
        // A port reused later for a new connection replaced this one in the table: that one did not carry it.
        return connection is not null && connection.FirstSynNs <= first.Meta.TimestampNs ? connection : null;
    }

    private (NextHop? Expected, bool Against) CheckAgainst(ExpectedGateway gateway, SegmentKey segment, NextHop responseHop)
    {
        var mac = gateway.Mac;
        if (mac.IsNone && !gateway.Ip.IsNone && _evidence.Neighbors.TryResolve(segment, gateway.Ip, out var resolved)) mac = resolved;
        if (!mac.IsNone) return (_evidence.Neighbors.NextHop(segment, mac), mac != responseHop.Mac);
        var named = new NextHop { Segment = segment, Mac = MacAddress.None, Addresses = [gateway.Ip], IsRouter = true,
                                  Name = Topology?.NameOf(gateway.Ip) };
        // The gateway's MAC was never seen: compare by address where the response's hop has one, else nothing to say.
        if (responseHop.Addresses.Count == 0) return (null, false);
        return (named, !responseHop.Addresses.Contains(gateway.Ip));
    }

    /// <summary>The request copy seen on the response's capture interface and VLAN, else on its interface, else the first.</summary>
    private TransactionMessage RequestOnSameLink(Transaction t, in PacketMeta response)
    {
        TransactionMessage? sameInterface = null;
        foreach (var m in t.Requests)
        {
            if (_evidence.Canonical(m.Meta.Capture) != _evidence.Canonical(response.Capture) || m.Meta.InterfaceId != response.InterfaceId) continue;
            if (m.Meta.Vlan == response.Vlan) return m;
            sameInterface ??= m;
        }
        return sameInterface ?? t.Requests[0];
    }

    private (ResponseDelivery, string, int) DeliveryOf(Transaction t, ResponseGroup? final, List<Transaction> sameCall,
                                                      IReadOnlyList<IcmpError> icmp)
    {
        if (final is null || final.Messages.Count == 0) return (ResponseDelivery.NoResponse, "no final response was sent", 0);
        long firstFinal = final.Messages[0].TimestampNs;
        long lastFinal = final.Messages[^1].TimestampNs;
        string what = $"the {final.Status}";
        int after = 0;
        long lastRequest = long.MinValue;
        foreach (var m in t.Requests)
        {
            if (m.TimestampNs > firstFinal + _options.CrossingSlackNs) after++;
            lastRequest = Math.Max(lastRequest, m.TimestampNs);
        }

        // The strongest proof: the client used what only the response carried, or acknowledged it.
        var nonce = final.Messages[0].Challenge?.Nonce;
        // From the first higher CSeq (the list is in CSeq order): one long dialog keeps thousands of transactions,
        // and walking its whole list for each of them made the paths quadratic in the kept count.
        for (int i = FirstAbove(sameCall, t.CSeq); i < sameCall.Count; i++)
        {
            var next = sameCall[i];
            if (!next.RequestSeen || next.FirstRequestNs <= firstFinal || next.Client != t.Client) continue;
            if (nonce is not null && next.Credentials?.Nonce == nonce)
                return (ResponseDelivery.Delivered, $"the client answered the challenge's nonce in its {next.Method} CSeq {next.CSeq} (frame {next.FirstFrame.Frame})", after);
            if (next.FirstRequestNs - t.FirstRequestNs < _options.TimerFNs)
                return (ResponseDelivery.Delivered, $"the client moved on to CSeq {next.CSeq} in the same Call-ID (frame {next.FirstFrame.Frame})", after);
        }
        if (t.Method == "INVITE")
        {
            foreach (var ack in t.Acks)
                if (ack.TimestampNs >= firstFinal)
                    return (ResponseDelivery.Delivered, $"the client acknowledged {what} (ACK in frame {ack.Frame.Frame})", after);
        }

        foreach (var e in icmp)
            if (e.Kind is IcmpErrorKind.Unreachable or IcmpErrorKind.AdministrativelyProhibited or IcmpErrorKind.TimeExceeded
                && QuotesResponse(e, final))
                return (ResponseDelivery.NotDelivered, $"{e.ReporterIp} returned {what} with ICMP \"{e.Reason}\" (frame {e.Frame.Frame})", after);

        long captureEnd = _evidence.LastTimestampNs(t.Capture);
        bool reliable = t.Transport is Transport.Tcp or Transport.Tls or Transport.Sctp or Transport.WebSocket;
        if (after > 0)
        {
            // A client that stops after one or two lost copies, long before timer F, got a later copy; one that kept
            // retransmitting (up to timer F, or until it gave up on its own) never got any.
            bool stoppedEarly = after <= 2 && lastFinal >= lastRequest
                && lastRequest + 2 * _options.T2Ns + _options.CrossingSlackNs < Math.Min(captureEnd, t.FirstRequestNs + _options.TimerFNs);
            if (!stoppedEarly)
                return (ResponseDelivery.NotDelivered, $"the client retransmitted the {t.Method} {after} time{(after == 1 ? "" : "s")} after {what} left", after);
            return (ResponseDelivery.Delivered, $"the client retransmitted the {t.Method} {after} time{(after == 1 ? "" : "s")} after {what} left, then stopped: a later copy reached it", after);
        }
        if (t.Method == "INVITE" && !reliable && final.Count >= 2 && captureEnd - lastFinal > _options.CrossingSlackNs)
            return (ResponseDelivery.NotDelivered, $"the server retransmitted {what} {final.Count - 1} times and no ACK came", after);
        if (reliable && TcpDelivery(final, captureEnd) is { } tcp) return (tcp.Delivery, tcp.Text, after);
        if (!reliable && t.Method != "INVITE" && captureEnd - firstFinal >= _options.T2Ns + _options.CrossingSlackNs)
            return (ResponseDelivery.Delivered, $"the client stopped retransmitting once {what} had left", after);
        return (ResponseDelivery.Unknown, $"the capture does not show whether {what} reached the client", after);
    }

    /// <summary>The index of the first transaction with a CSeq above <paramref name="cseq"/> in a list sorted by CSeq.</summary>
    private static int FirstAbove(List<Transaction> sorted, long cseq)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (sorted[mid].CSeq <= cseq) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>Over TCP the answer is in the acknowledgments: was the segment carrying the response ever ACKed?</summary>
    private (ResponseDelivery Delivery, string Text)? TcpDelivery(ResponseGroup final, long captureEnd)
    {
        var meta = final.Messages[0].Meta;
        var connection = _evidence.Handshakes.FindFor(_evidence.Canonical(meta.Capture), meta, out bool fromClient);
        if (connection is null || !connection.TryGetSegment(meta.Frame, fromClient, out bool acknowledged, out int copies)) return null;
        if (acknowledged)
            return (ResponseDelivery.Delivered, $"the client's TCP acknowledged the segment carrying the {final.Status}");
        if (copies > 1 || captureEnd - meta.TimestampNs > _options.TimerFNs)
            return (ResponseDelivery.NotDelivered,
                $"the client's TCP never acknowledged the segment carrying the {final.Status}" + (copies > 1 ? $", although the server sent it {copies} times" : ""));
        return null;
    }

    private static bool QuotesResponse(IcmpError e, ResponseGroup final)
    {
        foreach (var m in final.Messages)
            if (e.Quoted.Source == m.Meta.SourceIp && e.Quoted.Destination == m.Meta.DestinationIp
                && e.Quoted.SourcePort == m.Meta.SourcePort && e.Quoted.DestinationPort == m.Meta.DestinationPort)
                return true;
        return false;
    }

    private List<IcmpError> IcmpAbout(Transaction t)
    {
        var found = new List<IcmpError>();
        void Add(in PacketMeta meta)
        {
            foreach (var e in _evidence.Icmp.Quoting(meta))
                if (!found.Contains(e)) found.Add(e);
        }
        foreach (var m in t.Requests) Add(m.Meta);
        foreach (var g in t.Responses)
            foreach (var m in g.Messages) Add(m.Meta);
        return found;
    }

    /// <summary>A MAC that can be a next hop: not missing (cooked captures), not broadcast or multicast.</summary>
    internal static bool Comparable(MacAddress mac) => !mac.IsNone && !mac.IsMulticast;

    /// <summary>
    /// Virtual MACs of first-hop redundancy groups — VRRP 00:00:5e:00:01/02:xx, HSRP 00:00:0c:07:ac:xx and
    /// 00:00:0c:9f:fx:xx, GLBP 00:07:b4:xx:xx:xx: hosts send to them, the routers answer from their own MACs.
    /// </summary>
    internal static bool IsVirtualRouterMac(MacAddress mac)
    {
        ulong v = mac.Value;
        return (v >> 8) is 0x00_00_5e_00_01UL or 0x00_00_5e_00_02UL
               || (v >> 8) == 0x00_00_0c_07_acUL
               || (v >> 12) == 0x00_00_0c_9f_fUL
               || (v >> 24) == 0x00_07_b4UL;
    }

    internal SegmentKey SegmentOf(in PacketMeta meta) => _evidence.SegmentOf(meta);
}
