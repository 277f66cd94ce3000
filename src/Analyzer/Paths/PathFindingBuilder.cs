using System.Globalization;
using System.Text;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Scans;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Turns transaction paths, TCP handshakes and registrations into findings: one per client and problem, in
/// plain words that name every next hop by IP and MAC and say what the phone most likely shows.
/// </summary>
internal sealed class PathFindingBuilder
{
    private const string AvayaMessage = "\u201cInvalid extension or wrong password\u201d";
    /// <summary>Distinct values at most in one list of a finding (reporters, reasons, methods).</summary>
    private const int MaxListed = 16;
    private const string AvayaWording = AvayaMessage + " on Avaya softphones";

    private readonly PathEvidence _evidence;
    private readonly PathAnalyzerOptions _options;
    private readonly TopologyFile? _topology;
    private readonly CredentialsFile? _credentials;

    public PathFindingBuilder(PathEvidence evidence, PathAnalyzerOptions options, TopologyFile? topology, CredentialsFile? credentials)
    {
        _evidence = evidence;
        _options = options;
        _topology = topology;
        _credentials = credentials;
    }

    // Per client, the first REGISTER whose 2xx reached it: a later failure is a refresh that broke, not a phone
    // that never got in.
    private readonly Dictionary<string, TransactionPath> _registered = new(StringComparer.Ordinal);

    public List<Finding> Build(IReadOnlyList<TransactionPath> paths, IReadOnlyList<Registration> registrations,
                               ScanMembership? scan = null, Func<SegmentKey, bool>? atPoint = null)
    {
        foreach (var path in paths)
            if (path.Transaction.Method == "REGISTER" && path.FinalResponse?.Status is >= 200 and < 300
                && path.Delivery != ResponseDelivery.NotDelivered
                && (!_registered.TryGetValue(path.Transaction.Client, out var known) || path.Transaction.FirstRequestNs < known.Transaction.FirstRequestNs))
                _registered[path.Transaction.Client] = path;
        var problems = new Dictionary<(string, FindingKind), PathProblem>();
        PathProblem Problem(string client, FindingKind kind)
        {
            if (!problems.TryGetValue((client, kind), out var p)) problems[(client, kind)] = p = new PathProblem(client, kind);
            return p;
        }

        foreach (var path in paths)
        {
            if (scan?.Covers(path.Transaction) == true) continue; // counted in the scan's own finding
            if (Classify(path) is FindingKind kind) Problem(path.Transaction.Client, kind).Paths.Add(path);
            if (path.IcmpErrors.Count > 0) Problem(path.Transaction.Client, FindingKind.IcmpError).Paths.Add(path);
        }
        foreach (var c in _evidence.Handshakes.Connections)
        {
            if (!c.CarriedSip || (atPoint is not null && !atPoint(c.Segment))) continue;
            if (Classify(c) is FindingKind kind) Problem(c.Key.ClientEndpoint, kind).Handshakes.Add(c);
            // An ICMP error quoting the SYN, the SYN-ACK or any segment of the connection is about this client too.
            if (IcmpAbout(c).Count > 0) Problem(c.Key.ClientEndpoint, FindingKind.IcmpError).Handshakes.Add(c);
        }
        foreach (var r in registrations)
            if (r.Outcome == RegistrationOutcome.Rejected && scan?.Covers(r) != true) Problem(r.Client, FindingKind.RegistrationRejected).Registrations.Add(r);

        // A different next hop that loses responses is one problem with the hop that also delivers some.
        foreach (var key in problems.Keys.ToList())
            if (key.Item2 == FindingKind.AsymmetricPath
                && (problems.ContainsKey((key.Item1, FindingKind.ResponseWrongGateway))
                    || problems.ContainsKey((key.Item1, FindingKind.SynAckWrongGateway))))
                problems.Remove(key);

        var findings = new List<Finding>();
        foreach (var p in problems.Values)
        {
            var f = p.Kind switch
            {
                FindingKind.ResponseWrongGateway => WrongGateway(p),
                FindingKind.AsymmetricPath => Asymmetric(p),
                FindingKind.ResponseLost => Lost(p),
                FindingKind.RegisterUnanswered => Unanswered(p),
                FindingKind.SynAckWrongGateway => SynAckWrongGateway(p),
                FindingKind.IcmpError => Icmp(p),
                _ => Rejected(p),
            };
            findings.Add(f);
        }
        findings.AddRange(RouteChangeDetector.Find(scan is null ? paths : paths.Where(p => !scan.Covers(p.Transaction)).ToList()));
        findings.Sort((a, b) => a.Severity != b.Severity ? a.Severity.CompareTo(b.Severity)
            : string.CompareOrdinal(a.Client, b.Client) != 0 ? string.CompareOrdinal(a.Client, b.Client)
            : FindingKinds.CompareByName(a.Kind, b.Kind));
        return findings;
    }

    private FindingKind? Classify(TransactionPath p)
    {
        var t = p.Transaction;
        if (p.FinalResponse is null)
        {
            bool timedOut = t.RequestCount >= 2 || _evidence.LastTimestampNs(t.Capture) - t.FirstRequestNs >= _options.TimerFNs;
            return t.Method == "REGISTER" && t.RequestSeen && t.Responses.Count == 0 && timedOut
                ? FindingKind.RegisterUnanswered : null;
        }
        if (p.DifferentHop)
        {
            // With a topology file, a response that left through the declared gateway is not misrouted, even if
            // the request came another way: if it got lost, it got lost beyond the right gateway.
            bool misrouted = p.AgainstTopology || p.ExpectedHop is null;
            if (p.Delivery == ResponseDelivery.NotDelivered) return misrouted ? FindingKind.ResponseWrongGateway : FindingKind.ResponseLost;
            return p.Symmetric ? null : FindingKind.AsymmetricPath;
        }
        return p.Delivery == ResponseDelivery.NotDelivered ? FindingKind.ResponseLost : null;
    }

    private static FindingKind? Classify(TcpHandshake c)
    {
        if (c.SynAckCount == 0) return null;
        if (c.Asymmetric) return c.Completed ? FindingKind.AsymmetricPath : FindingKind.SynAckWrongGateway;
        return !c.Completed && !c.Reset && c.SynsAfterSynAck > 0 ? FindingKind.ResponseLost : null;
    }

    // ---- response-wrong-gateway -------------------------------------------------------------------------------

    private Finding WrongGateway(PathProblem p)
    {
        var lost = p.Paths;
        var key = KeyPath(lost);
        var wrong = key.ResponseHop!;
        var f = NewFinding(p, Severity.Error,
            $"Responses to {p.Client} leave {Via(key)} {wrong.Describe()}, not the next hop its requests come from, and never reach it.");
        var text = new StringBuilder();
        text.Append(PathSentence(key)).Append(", and ").Append(key.DeliveryEvidence)
            .Append($", so the {Status(key)} never reached it.");
        AppendOthers(text, p.Client, lost, "lost their responses this way");
        AppendRouteHint(text, key);
        AppendPasswordCheck(text, f, lost);
        f.Explanation = text.ToString();
        f.ClientSymptom = Symptom(lost);
        Fill(f, lost);
        return f;
    }

    private Finding Asymmetric(PathProblem p)
    {
        if (p.Paths.Count == 0) return HandshakeAsymmetric(p);
        var key = KeyPath(p.Paths);
        var f = NewFinding(p, Severity.Warning,
            $"Responses to {p.Client} take another next hop ({key.ResponseHop!.Describe()}) than its requests ({key.RequestHop?.Describe() ?? "unknown"}), but still arrive.");
        var text = new StringBuilder();
        text.Append(PathSentence(key)).Append("; ")
            .Append(key.Delivery == ResponseDelivery.Delivered ? key.DeliveryEvidence + ", so it arrived all the same" : key.DeliveryEvidence)
            .Append('.');
        AppendOthers(text, p.Client, p.Paths, "took the other next hop");
        if (p.Handshakes.Count > 0)
            text.Append($" The TCP handshake{(p.Handshakes.Count == 1 ? "" : "s")} took the same two paths: ").Append(Lower(HandshakeSentence(p.Handshakes[0]))).Append('.');
        text.Append(" It works only while that next hop forwards the traffic on; a firewall, NAT or SIP ALG on either route sees half of each exchange.");
        AppendRouteHint(text, key);
        f.Explanation = text.ToString();
        f.ClientSymptom = "Nothing visible yet: the phone works, but its replies depend on a next hop that is not the one its requests come through.";
        Fill(f, p.Paths);
        AddHandshakeFrames(f, p.Handshakes);
        return f;
    }

    private Finding Lost(PathProblem p)
    {
        if (p.Paths.Count == 0) return HandshakeLost(p);
        var key = KeyPath(p.Paths);
        var f = NewFinding(p, Severity.Error,
            $"Responses to {p.Client} leave toward the right next hop ({key.ResponseHop?.Describe() ?? "unknown"}) but never reach it.");
        var text = new StringBuilder();
        text.Append(PathSentence(key))
            .Append(key.Symmetric ? " — the same next hop — but " : " — the gateway the topology file names for it — but ")
            .Append(key.DeliveryEvidence)
            .Append($", so the {Status(key)} was lost beyond that next hop (a firewall, NAT or SIP ALG on the way, or the client's own network).");
        AppendOthers(text, p.Client, p.Paths, "lost their responses this way");
        AppendPasswordCheck(text, f, p.Paths);
        f.Explanation = text.ToString();
        f.ClientSymptom = Symptom(p.Paths);
        Fill(f, p.Paths);
        return f;
    }

    private Finding Unanswered(PathProblem p)
    {
        var key = KeyPath(p.Paths);
        var t = key.Transaction;
        var f = NewFinding(p, Severity.Error,
            $"The REGISTER from {p.Client} to {t.Server} got no response at all.");
        var text = new StringBuilder();
        text.Append($"The REGISTER from {p.Client} came in from {key.RequestHop?.Describe() ?? "an unknown next hop"}")
            .Append(key.RequestVlan != 0 ? $" on VLAN {key.RequestVlan}" : "")
            .Append($"; the client sent it {t.RequestCount} time{(t.RequestCount == 1 ? "" : "s")} over {Seconds(LastRequestNs(t) - t.FirstRequestNs)} s and {ServerName(t)} sent nothing back")
            .Append(t.EndedByCaptureEnd ? " before the capture ended." : " within timer F (32 s).");
        text.Append(key.Side == PathSide.Server && IsServerUplink(key)
            ? " This capture sees the server's own traffic: the server sent no response at all, so it has no route back to the client (it cannot even send) or it ignores the request."
            : " Where the server's uplink shows no response leaving, the server has no route back (or ignores the request); where it shows responses leaving, they are lost on the way.");
        AppendOthers(text, p.Client, p.Paths, "went unanswered");
        f.Explanation = text.ToString();
        f.ClientSymptom = Symptom(p.Paths);
        Fill(f, p.Paths);
        return f;
    }

    private Finding SynAckWrongGateway(PathProblem p)
    {
        var c = p.Handshakes[0];
        var synAckHop = _evidence.Neighbors.NextHop(c.Segment, c.SynAckDestinationMac);
        var f = NewFinding(p, Severity.Error,
            $"The TCP connection from {p.Client} to {c.Key.ServerEndpoint} never comes up: the SYN-ACK leaves toward {synAckHop.Describe()}, not the next hop the SYN came from.");
        var text = new StringBuilder();
        text.Append(HandshakeSentence(c)).Append(", a different next hop; ");
        text.Append(c.SynsAfterSynAck > 0
            ? $"the client sent its SYN {c.SynsAfterSynAck} more time{(c.SynsAfterSynAck == 1 ? "" : "s")} after the SYN-ACK left"
            : "the client never completed the handshake");
        if (c.SynAckRetransmissions > 0) text.Append($" and the server repeated its SYN-ACK {c.SynAckRetransmissions} time{(c.SynAckRetransmissions == 1 ? "" : "s")}");
        text.Append(", so the SYN-ACK never reached it. Over TCP or TLS no SIP message is ever sent this way: the handshake is all a capture shows.");
        if (p.Handshakes.Count > 1) text.Append($" {p.Handshakes.Count} connection attempts from this client failed the same way.");
        var synHop = _evidence.Neighbors.NextHop(c.Segment, c.SynSourceMac);
        if (synHop.IsRouter && synHop.Address != synAckHop.Address && !synHop.Address.IsNone)
            text.Append($" The server's route back to {c.Key.Client} goes via {Name(synAckHop)}, while the client's traffic comes in via {Name(synHop)}: check the server's routing table (static routes, default gateway).");
        f.Explanation = text.ToString();
        f.ClientSymptom = $"The phone cannot open its connection to the server: it shows the server as unreachable or the registration as failing (some softphones word it as {AvayaMessage}), although no credentials were ever checked.";
        FillHandshake(f, p);
        f.Details["syn_next_hop"] = HopDetails(synHop);
        f.Details["syn_ack_next_hop"] = HopDetails(synAckHop);
        f.Details["syn_retransmissions"] = c.SynRetransmissions;
        f.Details["syn_ack_retransmissions"] = c.SynAckRetransmissions;
        return f;
    }

    private Finding HandshakeAsymmetric(PathProblem p)
    {
        var c = p.Handshakes[0];
        var f = NewFinding(p, Severity.Warning,
            $"The TCP connection from {p.Client} to {c.Key.ServerEndpoint} comes up, but its SYN-ACK takes another next hop than its SYN.");
        f.Explanation = HandshakeSentence(c) + ", a different next hop; the client completed the handshake all the same. "
                        + "It works only while that next hop forwards the traffic on.";
        f.ClientSymptom = "Nothing visible yet: the connection works, but depends on a next hop that is not the one the client's packets come through.";
        FillHandshake(f, p);
        return f;
    }

    private Finding HandshakeLost(PathProblem p)
    {
        var c = p.Handshakes[0];
        var hop = _evidence.Neighbors.NextHop(c.Segment, c.SynAckDestinationMac);
        var f = NewFinding(p, Severity.Error,
            $"The TCP connection from {p.Client} to {c.Key.ServerEndpoint} never comes up although its SYN-ACK leaves toward the next hop its SYN came from.");
        f.Explanation = $"The SYN from {p.Client} came in from {hop.Describe()} and the SYN-ACK went back to it, but the client sent its SYN "
                        + $"{c.SynsAfterSynAck} more time{(c.SynsAfterSynAck == 1 ? "" : "s")} after that: the SYN-ACK was lost beyond that next hop.";
        f.ClientSymptom = "The phone cannot open its connection to the server and shows it as unreachable.";
        FillHandshake(f, p);
        return f;
    }

    // ---- icmp-error, registration-rejected -------------------------------------------------------------------

    // The errors quoting a segment of the connection, either way, seen where the handshake was seen.
    private List<IcmpError> IcmpAbout(TcpHandshake c)
    {
        var found = new List<IcmpError>();
        var k = c.Key;
        foreach (var flow in (ReadOnlySpan<QuotedPacketKey>)[new(k.Server, k.Client, 6, k.ServerPort, k.ClientPort, 0), new(k.Client, k.Server, 6, k.ClientPort, k.ServerPort, 0)])
            foreach (var e in _evidence.Icmp.QuotingFlow(flow))
                if (e.Segment.Capture == c.Segment.Capture && e.Segment.InterfaceId == c.Segment.InterfaceId && !found.Contains(e)) found.Add(e);
        return found;
    }

    private Finding Icmp(PathProblem p)
    {
        var errors = new List<(IcmpError Error, TransactionPath? Path)>();
        foreach (var path in p.Paths)
            foreach (var e in path.IcmpErrors)
                if (!errors.Exists(x => ReferenceEquals(x.Error, e))) errors.Add((e, path));
        foreach (var c in p.Handshakes)
            foreach (var e in IcmpAbout(c))
                if (!errors.Exists(x => ReferenceEquals(x.Error, e))) errors.Add((e, null));
        errors.Sort((a, b) => a.Error.Frame.CompareTo(b.Error.Frame));
        bool dropped = errors.Exists(x => x.Error.Kind is not (IcmpErrorKind.Redirect or IcmpErrorKind.SourceQuench));
        var (first, firstPath) = errors[0];
        var reporter = _evidence.Neighbors.NextHop(first.Segment, first.ReporterMac);
        var f = NewFinding(p, dropped ? Severity.Error : Severity.Warning,
            $"{Name(reporter)} answered SIP traffic of {p.Client} with ICMP \u201c{first.Reason}\u201d.");
        var text = new StringBuilder();
        foreach (var reason in errors.Select(x => (x.Error.ReporterIp, x.Error.ReporterMac, x.Error.Reason, x.Error.Segment)).Distinct().Take(MaxListed))
        {
            var hop = _evidence.Neighbors.NextHop(reason.Segment, reason.ReporterMac);
            if (hop.Addresses.Count == 0) hop = WithAddress(hop, reason.ReporterIp);
            var about = errors.Where(x => x.Error.ReporterMac == reason.ReporterMac && x.Error.Reason == reason.Reason).ToList();
            var quoted = QuotedMessage(about[0].Error, about[0].Path);
            text.Append($"{Upper(hop.Describe())} answered {quoted} with ICMP \u201c{reason.Reason}\u201d")
                .Append($" ({about.Count} time{(about.Count == 1 ? "" : "s")}, first in frame {about[0].Error.Frame.Frame}). ");
        }
        if (errors.Exists(x => x.Error.Kind == IcmpErrorKind.Redirect))
            text.Append("A redirect means the router saw the packet leave the way it came in: the sender used the wrong next hop, and the router names the right one. ");
        if (dropped) text.Append("The packets it reports on were not delivered.");
        f.Explanation = text.ToString().TrimEnd();
        f.ClientSymptom = !dropped ? "None by itself; it points at a routing mistake on the sender's side."
            : p.Paths.Count > 0 ? Symptom(p.Paths) : "The phone cannot open its connection to the server and shows it as unreachable.";
        if (p.Paths.Count > 0) Fill(f, p.Paths); else FillHandshake(f, p);
        f.Frames.Clear();
        foreach (var (e, _) in errors) f.Frames.Add(e.Frame);
        foreach (var path in p.Paths) foreach (var frame in path.Frames()) if (!f.Frames.Contains(frame)) f.Frames.Add(frame);
        foreach (var c in p.Handshakes) foreach (var frame in c.Frames) if (!f.Frames.Contains(frame)) f.Frames.Add(frame);
        f.Frames.Sort();
        f.Count = errors.Count;
        f.WiresharkFilter = string.Join(" || ", errors.Select(x => IcmpFilter(x.Error)).Distinct().Take(_options.MaxFilterTerms));
        f.Details["reporters"] = errors.Select(x => x.Error.ReporterIp.ToString()).Distinct().Take(MaxListed).ToList();
        f.Details["reasons"] = errors.Select(x => x.Error.Reason).Distinct().Take(MaxListed).ToList();
        return f;
    }

    private Finding Rejected(PathProblem p)
    {
        var r = p.Registrations[0];
        var last = r.Transactions.Count > 0 ? r.Transactions[^1] : null;
        int status = r.FinalStatus ?? 0;
        string statusText = last?.FinalReason is string reason ? $"{status} {reason}" : status.ToString(CultureInfo.InvariantCulture);
        bool secondChallenge = status is 401 or 407;
        var f = NewFinding(p, Severity.Info,
            $"The registrar rejected the credentials of {r.Username ?? r.Aor} from {p.Client} ({statusText}).");
        var text = new StringBuilder();
        text.Append(secondChallenge
            ? $"{r.Aor} answered the challenge with credentials for user {r.Username ?? "?"}, and the registrar challenged again with {statusText} without stale=true: it refused them."
            : $"{r.Aor} sent credentials for user {r.Username ?? "?"} and the registrar answered {statusText}.");
        text.Append(" The responses reached the client (it answered the challenge), so this is a genuine credentials failure, not a routing problem.");
        var authPaths = new List<TransactionPath>();
        foreach (var t in r.Transactions) authPaths.Add(new TransactionPath { Transaction = t });
        AppendPasswordCheck(text, f, authPaths);
        if (p.Registrations.Count > 1) text.Append($" {p.Registrations.Count} registration attempts from this client were rejected.");
        f.Explanation = text.ToString();
        f.ClientSymptom = $"The phone shows an authentication error ({AvayaWording}) — and this time the credentials really were refused.";
        f.Server = r.Server;
        f.Transport = r.Transport;
        f.CallId = r.CallId;
        f.CSeq = last?.CSeq;
        foreach (var reg in p.Registrations)
            foreach (var t in reg.Transactions)
                foreach (var frame in new TransactionPath { Transaction = t }.Frames()) f.Frames.Add(frame);
        f.Frames.Sort();
        f.Count = p.Registrations.Count;
        if (r.Transactions.Count > 0 && r.Transactions[0].Requests.Count > 0)
        {
            f.ClientIp = r.Transactions[0].Requests[0].Meta.SourceIp;
            f.ServerIp = r.Transactions[0].Requests[0].Meta.DestinationIp;
            Span(f, p.Registrations.Min(x => x.Transactions.Count > 0 ? x.Transactions[0].FirstRequestNs : long.MaxValue),
                p.Registrations.Max(x => x.Transactions.Count > 0 ? x.Transactions[^1].LastMessageNs : 0));
        }
        f.WiresharkFilter = last is null ? null : $"sip.Call-ID == \"{Escape(r.CallId)}\"";
        f.Details["final_status"] = status;
        return f;
    }

    // ---- sentences --------------------------------------------------------------------------------------------

    /// <summary>"The REGISTER from A came in from router X (mac); the registrar B sent its 401 Unauthorized to Y (mac)".</summary>
    private string PathSentence(TransactionPath p)
    {
        var t = p.Transaction;
        string requestHop = p.RequestHop?.Describe() ?? "an unknown next hop";
        string responseHop = p.ResponseHop?.Describe() ?? "an unknown next hop";
        string requestVlan = p.RequestVlan != p.ResponseVlan || p.RequestVlan != 0 ? $" on VLAN {p.RequestVlan}" : "";
        string responseVlan = p.RequestVlan != p.ResponseVlan ? $" on VLAN {p.ResponseVlan}" : "";
        var s = new StringBuilder();
        if (p.Side == PathSide.Server)
        {
            s.Append($"The {t.Method} from {t.Client} came in from {requestHop}{requestVlan}; {ServerName(t)} sent its {Status(p)} to {responseHop}{responseVlan}");
            if (!p.Symmetric) s.Append(", a different next hop");
        }
        else
        {
            s.Append($"The {t.Method} from {t.Client} left toward {requestHop}{requestVlan}; the {Status(p)} from {t.Server} came back from {responseHop}{responseVlan}");
            if (!p.Symmetric) s.Append(", a different next hop");
        }
        if (p.AgainstTopology && p.ExpectedHop is not null)
            s.Append($", not {p.ExpectedHop.Describe()} ({p.ExpectedReason})");
        return s.ToString();
    }

    private string HandshakeSentence(TcpHandshake c)
    {
        var syn = _evidence.Neighbors.NextHop(c.Segment, c.SynSourceMac);
        var synAck = _evidence.Neighbors.NextHop(c.Segment, c.SynAckDestinationMac);
        return $"The SYN from {c.Key.ClientEndpoint} to {c.Key.ServerEndpoint} came in from {syn.Describe()} (frame {c.FirstSyn.Frame}); "
               + $"the server sent its SYN-ACK to {synAck.Describe()} (frame {c.FirstSynAck.Frame})";
    }

    private static void AppendOthers(StringBuilder text, string client, List<TransactionPath> paths, string what)
    {
        if (paths.Count < 2) return;
        var methods = paths.GroupBy(x => x.Transaction.Method).Take(MaxListed).Select(g => $"{g.Key} \u00d7{g.Count()}");
        text.Append($" In all, {paths.Count} transactions of {client} ({string.Join(", ", methods)}) {what}.");
    }

    private static void AppendRouteHint(StringBuilder text, TransactionPath p)
    {
        if (p.Side != PathSide.Server || p.RequestHop is null || p.ResponseHop is null || p.Symmetric) return;
        string client = p.FinalResponse?.Messages[0].Meta.DestinationIp.ToString() ?? p.Transaction.Client;
        if (p.RequestHop.IsRouter)
            text.Append($" The server's route back to {client} goes via {Name(p.ResponseHop)}, while the client's traffic comes in via {Name(p.RequestHop)}: check the server's routing table (static routes, default gateway).");
    }

    private void AppendPasswordCheck(StringBuilder text, Finding f, List<TransactionPath> paths)
    {
        if (_credentials is null) return;
        foreach (var p in paths)
        {
            var t = p.Transaction;
            if (t.Credentials is null) continue;
            var verdict = DigestVerifier.Verify(t.Credentials, t.Method, _credentials);
            string? sentence = verdict switch
            {
                DigestVerdict.PasswordRight => $" The digest response of {t.Method} CSeq {t.CSeq} (frame {t.FirstFrame.Frame}) was computed with the right password for {t.Credentials.Username}.",
                DigestVerdict.PasswordWrong => $" The digest response of {t.Method} CSeq {t.CSeq} (frame {t.FirstFrame.Frame}) was NOT computed with the known password for {t.Credentials.Username}: the password is wrong too.",
                _ => null,
            };
            if (sentence is null) continue;
            text.Append(sentence);
            f.Details["password"] = verdict == DigestVerdict.PasswordRight ? "right" : "wrong";
            return;
        }
    }

    /// <summary>What the phone most likely shows when these transactions' responses never arrived.</summary>
    private string Symptom(List<TransactionPath> paths)
    {
        if (paths.Count > 0 && _registered.TryGetValue(paths[0].Transaction.Client, out var earlier)
            && paths.Exists(p => p.Transaction.Method == "REGISTER" && p.Transaction.FirstRequestNs > earlier.Transaction.FirstRequestNs))
        {
            var ok = earlier.FinalResponse!.Messages[0];
            return $"The phone had registered at {Reports.Timestamps.Clock(ok.TimestampNs)} (frame {ok.Frame.Frame}), so its credentials were accepted; "
                   + "its later REGISTER (a refresh) got no answer back: it stays registered until that binding expires, then reports the registration as failed "
                   + $"(some softphones word it as {AvayaMessage}).";
        }
        var auth = paths.Find(p => p.Transaction.Method == "REGISTER" && p.Authenticated);
        if (auth is not null)
        {
            string accepted = auth.FinalResponse?.Status is >= 200 and < 300 ? " — the server had in fact accepted them" : "";
            return $"The phone got the 401 challenge and sent its credentials, but never received the answer: it will report its credentials as wrong ({AvayaWording}) although they were never rejected{accepted}.";
        }
        if (paths.Exists(p => p.Transaction.Method == "REGISTER"))
            return $"The phone never receives any answer to its REGISTER, not even the challenge: it shows the registration as failing or timing out (some softphones, Avaya's among them, word it as {AvayaMessage}) although its credentials were never even checked.";
        if (paths.Exists(p => p.Transaction.Method == "INVITE"))
            return "Calls fail: the phone never sees the answer to its INVITE and gives up after a timeout, or the call drops for lack of an ACK.";
        return "Requests from the phone time out: it never sees the server's answers.";
    }

    // ---- evidence fields ----------------------------------------------------------------------------------------

    private Finding NewFinding(PathProblem p, Severity severity, string summary) =>
        new() { Kind = p.Kind, Severity = severity, Summary = summary, Client = p.Client };

    private void Fill(Finding f, List<TransactionPath> paths)
    {
        var key = KeyPath(paths);
        var t = key.Transaction;
        f.Server ??= t.Server;
        f.Transport ??= t.Transport;
        f.CallId = t.CallId;
        f.CSeq = t.CSeq;
        var frames = new HashSet<FrameRef>();
        foreach (var p in paths) foreach (var frame in p.Frames()) frames.Add(frame);
        f.Frames.AddRange(frames);
        f.Frames.Sort();
        f.Count = paths.Count;
        f.WiresharkFilter = SipFilter(paths);
        f.RequestHop = key.RequestHop;
        f.ResponseHop = key.ResponseHop;
        if (t.Requests.Count > 0)
        {
            f.ClientIp = t.Requests[0].Meta.SourceIp;
            f.ServerIp = t.Requests[0].Meta.DestinationIp;
        }
        Span(f, paths.Min(p => p.Transaction.FirstRequestNs), paths.Max(p => p.Transaction.LastMessageNs));
        if (key.RequestHop is not null) f.Details["request_next_hop"] = HopDetails(key.RequestHop);
        if (key.ResponseHop is not null) f.Details["response_next_hop"] = HopDetails(key.ResponseHop);
        if (key.ExpectedHop is not null) f.Details["expected_next_hop"] = HopDetails(key.ExpectedHop);
        f.Details["request_vlan"] = key.RequestVlan;
        f.Details["response_vlan"] = key.ResponseVlan;
        f.Details["request_ttl"] = key.RequestTtl;
        f.Details["response_ttl"] = key.ResponseTtl;
        f.Details["capture_side"] = key.Side == PathSide.Server ? "server" : "client";
        f.Details["delivery"] = ResponseDeliveries.WireName(key.Delivery);
        f.Details["delivery_evidence"] = key.DeliveryEvidence;
        f.Details["retransmissions_after_response"] = paths.Sum(p => p.RetransmissionsAfterResponse);
    }

    private void FillHandshake(Finding f, PathProblem p)
    {
        var c = p.Handshakes[0];
        f.RequestHop ??= _evidence.Neighbors.NextHop(c.Segment, c.SynSourceMac);
        f.ResponseHop ??= _evidence.Neighbors.NextHop(c.Segment, c.SynAckDestinationMac);
        f.ClientIp = c.Key.Client;
        f.ServerIp = c.Key.Server;
        Span(f, p.Handshakes.Min(h => h.FirstSynNs), p.Handshakes.Max(h => Math.Max(h.FirstSynNs, h.FirstSynAckNs)));
        f.Server = c.Key.ServerEndpoint;
        f.Transport = c.Key.ServerPort == 5061 ? "TLS" : "TCP";
        AddHandshakeFrames(f, p.Handshakes);
        f.Count = p.Handshakes.Count;
        f.WiresharkFilter = HandshakeFilter(c);
    }

    // Widens the finding's time span; the findings of several kinds for one client meet in one cause.
    private static void Span(Finding f, long firstNs, long lastNs)
    {
        if (f.FirstNs == 0 || firstNs < f.FirstNs) f.FirstNs = firstNs;
        if (lastNs > f.LastNs) f.LastNs = lastNs;
    }

    private static void AddHandshakeFrames(Finding f, List<TcpHandshake> handshakes)
    {
        foreach (var c in handshakes)
            foreach (var frame in c.Frames)
                if (!f.Frames.Contains(frame)) f.Frames.Add(frame);
        f.Frames.Sort();
    }

    /// <summary>The transaction that tells the story best: an authenticated REGISTER, else any REGISTER, else the first.</summary>
    private static TransactionPath KeyPath(List<TransactionPath> paths) =>
        paths.Find(p => p.Transaction.Method == "REGISTER" && p.Authenticated && p.Delivery == ResponseDelivery.NotDelivered)
        ?? paths.Find(p => p.Transaction.Method == "REGISTER")
        ?? paths[0];

    private string SipFilter(List<TransactionPath> paths)
    {
        var terms = paths.Select(p => (p.Transaction.CallId ?? "", p.Transaction.CSeq)).Distinct().ToList();
        if (terms.Count <= _options.MaxFilterTerms)
            return string.Join(" || ", terms.Select(x => terms.Count == 1
                ? $"sip.Call-ID == \"{Escape(x.Item1)}\" && sip.CSeq.seq == {x.CSeq}"
                : $"(sip.Call-ID == \"{Escape(x.Item1)}\" && sip.CSeq.seq == {x.CSeq})"));
        return string.Join(" || ", terms.Select(x => x.Item1).Distinct().Take(_options.MaxFilterTerms).Select(c => $"sip.Call-ID == \"{Escape(c)}\""));
    }

    private static string HandshakeFilter(TcpHandshake c) =>
        $"tcp.flags.syn == 1 && {AddressField(c.Key.Client)} == {c.Key.Client} && tcp.port == {c.Key.ClientPort}";

    private static string IcmpFilter(IcmpError e) => e.IsV6
        ? $"icmpv6.type == {e.Type} && ipv6.src == {e.ReporterIp}"
        : $"icmp.type == {e.Type} && ip.src == {e.ReporterIp}";

    private static string AddressField(NetAddress a) => a.IsV6 ? "ipv6.addr" : "ip.addr";

    private static Dictionary<string, object?> HopDetails(NextHop hop) => new()
    {
        ["mac"] = hop.Mac.IsNone ? null : hop.Mac.ToString(),
        ["ip"] = hop.Addresses.Select(a => a.ToString()).ToList(),
        ["router"] = hop.IsRouter,
        ["name"] = hop.Name,
    };

    private string ServerName(Transaction t)
    {
        var ip = t.Requests.Count > 0 ? t.Requests[0].Meta.DestinationIp : NetAddress.None;
        string? name = ip.IsNone ? null : _topology?.NameOf(ip);
        return name is not null ? $"{name} ({t.Server})" : t.Method == "REGISTER" ? $"the registrar {t.Server}" : $"the server {t.Server}";
    }

    private static string Status(TransactionPath p) =>
        p.FinalResponse is { } g ? (g.Reason is { Length: > 0 } r ? $"{g.Status} {r}" : g.Status.ToString(CultureInfo.InvariantCulture))
        : p.Transaction.Responses.Count > 0 ? p.Transaction.Responses[0].Status.ToString(CultureInfo.InvariantCulture) : "response";

    private static string Via(TransactionPath p) => p.Side == PathSide.Server ? "toward" : "back through";

    private static string Name(NextHop hop) => hop.Addresses.Count > 0 ? $"{hop.Address} ({hop.Mac})" : hop.Mac.ToString();

    private static NextHop WithAddress(NextHop hop, NetAddress ip) => new()
    {
        Segment = hop.Segment, Mac = hop.Mac, Addresses = [ip], IsRouter = hop.IsRouter,
        ForwardedAddressCount = hop.ForwardedAddressCount, Name = hop.Name,
    };

    private static string QuotedMessage(IcmpError e, TransactionPath? path)
    {
        if (path is null)
            return e.Quoted.Protocol == 6
                ? $"a TCP segment from {e.Quoted.Source.ToString(e.Quoted.SourcePort)} to {e.Quoted.Destination.ToString(e.Quoted.DestinationPort)}"
                : $"a packet from {e.Quoted.Source} to {e.Quoted.Destination}";
        var t = path.Transaction;
        foreach (var g in t.Responses)
            foreach (var m in g.Messages)
                if (m.Meta.SourceIp == e.Quoted.Source && m.Meta.DestinationIp == e.Quoted.Destination)
                    return $"the {g.Status} to {m.Destination} (frame {m.Frame.Frame})";
        return $"the {t.Method} from {t.Client}";
    }

    private static string Lower(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private static string Upper(string s) => s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..] : s;

    /// <summary>True when the request's destination MAC is a host, not a router: the capture sits on the server's own link.</summary>
    private bool IsServerUplink(TransactionPath p)
    {
        var t = p.Transaction;
        if (t.Requests.Count == 0) return false;
        var meta = t.Requests[0].Meta;
        return !meta.DestinationMac.IsNone && !_evidence.Neighbors.NextHop(_evidence.SegmentOf(meta), meta.DestinationMac).IsRouter;
    }

    private static long LastRequestNs(Transaction t) => t.Requests.Count > 0 ? t.Requests[^1].TimestampNs : t.FirstRequestNs;

    private static string Seconds(long ns) => (ns / 1e9).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
