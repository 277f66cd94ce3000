using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Paths.Text;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Diagnosis;

/// <summary>
/// Groups findings into causes: one bad static route that loses the replies of three phones is one cause with
/// three findings, and the ICMP errors and retransmissions that follow from it are folded into it. Orders
/// causes and findings the way an engineer reads them (severity, then cause, then time) and numbers both.
/// </summary>
public static class CauseBuilder
{
    private const int MaxHealthyShown = 10;

    /// <summary>
    /// Builds the causes, reorders <paramref name="findings"/> in place and gives every finding its id and cause. A
    /// cause counts every client it hits; past <see cref="FindingCap.MaxPerKind"/> findings of one kind in a cause
    /// the rest become one finding that counts them, so a route that breaks 10 000 phones is one cause of 10 000
    /// clients with 201 findings.
    /// </summary>
    public static List<Cause> Build(List<Finding> findings, IReadOnlyList<TransactionPath> paths, TopologyFile? topology)
    {
        var groups = new Dictionary<CauseKey, Cause>();
        var order = new List<Cause>();
        var routingByClient = new Dictionary<NetAddress, Cause>();

        // A request that never reached the server explains first — its fragments were dropped, a router could not
        // forward it whole (ICMP "fragmentation needed") or could not forward it at all (no route, a filter): where a
        // point on its way saw it and no answer, the server never got it — no routing cause for that (it would blame
        // the server), and the ICMP errors about the client are its consequence too.
        var unreached = new Dictionary<(string?, string, long?), (Cause Cause, string Why)>();
        var unreachedByPair = new Dictionary<(NetAddress, NetAddress), (Cause Cause, string Why)>();
        foreach (var f in findings.Where(NeverReachedServer))
        {
            var kind = CauseOf(f);
            var cause = Group(groups, order, KeyOf(f), kind);
            cause.Findings.Add(f);
            string why = kind switch
            {
                CauseKind.FragmentsDropped => " It never reached the server whole: its IP fragments after the first were dropped on the way (sip-fragments-lost).",
                CauseKind.RequestUndelivered => $" It never reached the server: {Reporter(f)} on the way answered it with ICMP errors (icmp-error).",
                _ => " It never crossed the network whole: a router on the way answered \u201cfragmentation needed\u201d (too big for its link's MTU).",
            };
            if (f.CallId is not null) unreached.TryAdd((f.Client, f.CallId, f.CSeq), (cause, why));
            // A router that cannot forward a client's requests to the server explains every one of them left unanswered.
            if (kind == CauseKind.RequestUndelivered && !f.ClientIp.IsNone) unreachedByPair.TryAdd((f.ClientIp, f.ServerIp), (cause, why));
            if (!f.ClientIp.IsNone) routingByClient.TryAdd(f.ClientIp, cause);
        }
        // Routing findings next: they are the causes that other evidence of the same client folds into.
        foreach (var f in findings.Where(f => CauseKinds.IsRouting(CauseKinds.Of(f.Kind))).OrderBy(f => f.Severity))
        {
            if ((f.CallId is not null && unreached.TryGetValue((f.Client, f.CallId, f.CSeq), out var explained))
                || (f.Kind is FindingKind.RegisterUnanswered or FindingKind.InviteUnanswered && unreachedByPair.TryGetValue((f.ClientIp, f.ServerIp), out explained)))
            {
                // It never reached the server: what no answer would say about the server does not hold.
                f.Explanation = RequestUnansweredText.WithoutServerGuess(f.Explanation) + explained.Why;
                explained.Cause.Findings.Add(f);
                continue;
            }
            var cause = Group(groups, order, KeyOf(f), CauseOf(f));
            cause.Findings.Add(f);
            if (!f.ClientIp.IsNone) routingByClient.TryAdd(f.ClientIp, cause);
        }
        foreach (var f in findings.Where(f => !GroupedFirst(CauseKinds.Of(f.Kind)) && !NeverReachedServer(f)))
        {
            var kind = CauseOf(f);
            if (kind == CauseKind.NetworkError && !f.ClientIp.IsNone && routingByClient.TryGetValue(f.ClientIp, out var routing))
            {
                routing.Findings.Add(f); // an ICMP error (a redirect, an unreachable) about a client whose replies are misrouted follows from the route
                continue;
            }
            Group(groups, order, KeyOf(f), kind).Findings.Add(f);
        }

        ScanSweeps.Merge(order);
        // Shares of a split scan that the points cannot prove to be different requests, or that are too few together.
        order.RemoveAll(c => c.Kind == CauseKind.SipScan && !Scans.SplitScans.Stands(c.Findings, ScanLead(c.Findings) ?? c.Findings[0]));
        // Before the findings lists are capped, so every late answer finds the finding about its client.
        LateAnswerEvidence.Fold(order, paths);
        foreach (var cause in order)
        {
            Complete(cause, paths, topology);
            // The cause has counted every client; its findings list is bounded like any other output.
            FindingCap.Apply(cause.Findings);
        }
        order.Sort((a, b) => a.Severity != b.Severity ? a.Severity.CompareTo(b.Severity)
            : a.FirstSeenNs != b.FirstSeenNs ? a.FirstSeenNs.CompareTo(b.FirstSeenNs)
            : string.CompareOrdinal(a.Summary, b.Summary));

        findings.Clear();
        for (int i = 0; i < order.Count; i++)
        {
            var cause = order[i];
            cause.Id = "C" + (i + 1);
            cause.Findings.Sort((a, b) => a.Severity != b.Severity ? a.Severity.CompareTo(b.Severity)
                : a.FirstNs != b.FirstNs ? a.FirstNs.CompareTo(b.FirstNs)
                : string.CompareOrdinal(a.Client, b.Client));
            foreach (var f in cause.Findings)
            {
                f.CauseId = cause.Id;
                findings.Add(f);
                f.Id = "F" + findings.Count;
            }
        }
        return order;
    }

    private static bool NeverReachedServer(Finding f) =>
        f.Kind == FindingKind.SipFragmentsLost || f.Evidence is IcmpErrorEvidence { TooBig: true } or IcmpErrorEvidence { RequestUndelivered: true };

    // The cause a finding points to: an ICMP error that says the client's requests could not be forwarded is a
    // router that does not reach the server, not the generic network error.
    // A server that asked ARP for the client it left unanswered took it for a neighbour: its subnet, not its silence.
    // Refused registrations that are a program trying passwords are an attack, not a phone's wrong password.
    private static CauseKind CauseOf(Finding f) =>
        f.Evidence is IcmpErrorEvidence { RequestUndelivered: true } ? CauseKind.RequestUndelivered
        : f.Evidence is RegistrationRejectedEvidence { Guessing: true } ? CauseKind.PasswordGuessing
        : f.Evidence is RegistrationRejectedEvidence { CredentialsSent: false } ? CauseKind.RegistrationRefused
        : f.Evidence is RequestUnansweredEvidence { ServerAskedForClient: > 0 } or ConnectionUnansweredEvidence { ServerAskedForClient: > 0 }
            ? CauseKind.ClientsTakenOnLink
        : CauseKinds.Of(f.Kind);

    private static string Reporter(Finding f) =>
        f.Evidence is IcmpErrorEvidence { Reporter: { } hop } ? CauseText.Hop(hop) : "a router";

    // The causes grouped before the rest: other findings of the same client (its ICMP errors) fold into them.
    private static bool GroupedFirst(CauseKind kind) => CauseKinds.IsRouting(kind) || kind == CauseKind.FragmentsDropped;

    private static Cause Group(Dictionary<CauseKey, Cause> groups, List<Cause> order, CauseKey key, CauseKind kind)
    {
        if (!groups.TryGetValue(key, out var cause))
        {
            groups[key] = cause = new Cause { Kind = kind };
            order.Add(cause);
        }
        return cause;
    }

    // Findings with one explanation share a key: the server, and the next hops its replies took and should take.
    // Clients that send straight to the server (on its link) each have their own MAC as the requests' hop: keyed by
    // it, a hundred on-link phones the server ignores were a hundred causes. They share one "on-link" key instead.
    private const string OnLink = "on-link";

    private static CauseKey KeyOf(Finding f)
    {
        var kind = CauseOf(f);
        bool onLink = IsOnLink(f);
        var right = onLink ? default : Mac(f.RequestHop);
        string? link = onLink ? OnLink : null;
        return kind switch
        {
            // A route that changed to a hop that loses replies is the same cause as the loss it brought.
            CauseKind.WrongGatewayRoute or CauseKind.RouteChanged =>
                new(CauseKind.WrongGatewayRoute, f.ServerIp, Mac(f.ResponseHop), right, link),
            CauseKind.AsymmetricRoute => new(kind, f.ServerIp, Mac(f.ResponseHop), right, link),
            CauseKind.LostBeyondNextHop => new(kind, f.ServerIp, Mac(f.ResponseHop), default, null),
            // A server that answers at the Via's port breaks every client behind a NAT that changes ports; one that
            // ignores rport is another fix, and one that answers from another address a third.
            CauseKind.RepliesMisaddressed => new(kind, f.ServerIp, default, default, f.Evidence switch
            {
                ResponseWrongSourceEvidence => "source",
                ResponseWrongPortEvidence { ViaAsksRport: true } => "rport",
                _ => null,
            }),
            CauseKind.ServerSilent or CauseKind.ClientsTakenOnLink => new(kind, f.ServerIp, default, right, link),
            // One NAT that forgets its phones is one cause, however many phones sit behind it.
            CauseKind.NatBindingExpired => new(kind, f.ServerIp, default, default, f.ClientIp.ToString()),
            CauseKind.CredentialsRejected or CauseKind.NetworkError or CauseKind.PasswordGuessing => new(kind, f.ServerIp, default, default, null),
            // Users the registrar has not got and a rule that refuses them are two fixes.
            CauseKind.RegistrationRefused => new(kind, f.ServerIp, default, default,
                f.Evidence is RegistrationRejectedEvidence { FinalStatus: 404 or 604 } ? "unknown" : "refused"),
            // A scan is one cause per scanned server endpoint: the same scan seen at two capture points (the uplink that
            // sees the answers, a router that does not) is one thing to block, not two. Its findings name the endpoint.
            CauseKind.SipScan => new(kind, default, default, default, f.Server),
            // One endpoint that refuses connections is one cause, however many clients try it; clients that tried once
            // (a port scan's probes) apart from those that kept trying (phones that cannot connect).
            CauseKind.ConnectionRefused => new(kind, f.ServerIp, default, default, f.Severity == Severity.Error ? f.Server : f.Server + " once"),
            // One router that cannot forward to the server is one cause, however many clients it turns away.
            CauseKind.RequestUndelivered => new(kind, f.ServerIp, default, default,
                f.Evidence is IcmpErrorEvidence { Reporters: [var reporter, ..] } ? reporter : null),
            // One device that drops fragments is one cause, however many messages it loses: keyed by where.
            CauseKind.FragmentsDropped => new(kind, f.ServerIp, default, default,
                f.Evidence is Reassembly.FragmentLossEvidence e ? $"{e.DroppedAfter}>{e.DroppedBefore}" : null),
            // Anything without a shared explanation is one cause per kind.
            CauseKind.Other => new(kind, default, default, default, FindingKinds.WireName(f.Kind)),
            // Media answered where it comes from (symmetric RTP) works; media that is not is a fault: two explanations.
            CauseKind.MediaSource => new(kind, default, default, default, f.Severity == Severity.Info ? "symmetric" : null),
            // Media that stopped for a while is another story than a path that loses packets all along.
            CauseKind.MediaQuality => new(kind, default, default, default, f.Evidence is Rtp.RtpStreamEvidence { GapMs: not null } ? "gap" : null),
            _ => new(kind, default, default, default, null),
        };
    }

    private static MacAddress Mac(NextHop? hop) => hop?.Mac ?? default;

    // The view of a scan that says the most: one where the scanner got in first, then the point that saw the most
    // of the server's answers (a router whose replies take another way sees none), then the most requests.
    private static Finding? ScanLead(List<Finding> findings)
    {
        Finding? lead = null;
        foreach (var f in findings)
        {
            if (f.Evidence is not Scans.SipScanEvidence scan) continue;
            if (lead?.Evidence is not Scans.SipScanEvidence best || Rank(scan).CompareTo(Rank(best)) > 0) lead = f;
        }
        return lead;

        static (bool, long, long) Rank(Scans.SipScanEvidence s) => (s.RegisteredAors.Count > 0, s.Requests - s.NoFinalResponse, s.Requests);
    }

    /// <summary>The finding's requests came straight from its client: the requests' hop is the client itself.</summary>
    internal static bool IsOnLink(Finding f) =>
        f.RequestHop is { IsRouter: false } hop && !f.ClientIp.IsNone && hop.Addresses.Contains(f.ClientIp);

    private static void Complete(Cause cause, IReadOnlyList<TransactionPath> paths, TopologyFile? topology)
    {
        var lead = cause.Findings[0];
        cause.Severity = cause.Findings.Min(f => f.Severity);
        var change = cause.Findings.Find(f => f.Kind == FindingKind.RouteChanged);
        if (change is not null && cause.Kind == CauseKind.WrongGatewayRoute)
        {
            // Replies worked through the earlier hop, so the change is the explanation and the earlier hop the fix.
            var broken = cause.Findings.Find(f => f.Severity == Severity.Error);
            if (broken is not null || change.Severity == Severity.Error) cause.Severity = Severity.Error;
            lead = change;
        }
        else if (cause.Kind == CauseKind.WrongGatewayRoute)
            lead = cause.Findings.Find(f => CauseKinds.Of(f.Kind) == CauseKind.WrongGatewayRoute) ?? lead;
        else if (cause.Kind == CauseKind.SipScan)
            lead = ScanLead(cause.Findings) ?? lead;
        if (change is not null) cause.Kind = CauseKind.RouteChanged;
        // The replies' hop and the requests' hop both claim one address: not a route, two devices on one address.
        else if (cause.Kind == CauseKind.WrongGatewayRoute && lead.ResponseHop?.SharedAddressWith(lead.RequestHop) is not null)
            cause.Kind = CauseKind.AddressConflict;

        var affected = new HashSet<NetAddress>();
        var clients = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var f in cause.Findings)
        {
            if (!f.ClientIp.IsNone) affected.Add(f.ClientIp);
            if (f.Client is not null) clients.Add(f.Client);
            if (f.FirstNs != 0 && (cause.FirstSeenNs == 0 || f.FirstNs < cause.FirstSeenNs)) cause.FirstSeenNs = f.FirstNs;
            if (f.LastNs > cause.LastSeenNs) cause.LastSeenNs = f.LastNs;
        }
        cause.ClientCount = clients.Count;
        cause.Clients.AddRange(clients.Take(Cause.MaxClients));
        if (!lead.ServerIp.IsNone) cause.Server = lead.ServerIp.ToString();
        cause.WrongNextHop = lead.ResponseHop;
        cause.RightNextHop = change?.PreviousHop ?? lead.RequestHop;
        cause.Symptom = lead.ClientSymptom;
        // Phones the server ignores from their first REGISTER and phones it ignores once they answer the challenge
        // show different things: the cause says both rather than one phone's.
        if (cause.Kind == CauseKind.ServerSilent)
        {
            var registering = cause.Findings.Where(f => f.Kind != FindingKind.InviteUnanswered).Select(f => f.ClientSymptom).Distinct().Take(2).ToList();
            if (registering.Count > 1)
                cause.Symptom = "Depending on where the server went silent: a phone whose REGISTER got no answer at all shows the registration "
                                + "as failing or timing out; a phone that got the 401 challenge and sent its credentials reports them as wrong "
                                + "(some softphones word both as \u201cInvalid extension or wrong password\u201d), although none were rejected.";
            // Calls that go unanswered as well: the same silence, another thing the user sees.
            if (registering.Count > 0 && cause.Findings.Exists(f => f.Kind == FindingKind.InviteUnanswered))
                cause.Symptom = (registering.Count > 1 ? cause.Symptom : registering[0]) + " Calls fail the same way: " + ClientSymptoms.UnansweredInvite;
        }

        // Phones that cannot call and phones that cannot register show different things: the cause says each.
        if (cause.Kind == CauseKind.FragmentsDropped
            && cause.Findings.Where(f => f.Kind == FindingKind.SipFragmentsLost).Select(f => f.ClientSymptom).Distinct().Count() > 1)
            cause.Symptom = Reassembly.FragmentLossFinding.SymptomOf(cause.Findings.Select(f => f.Evidence).OfType<Reassembly.FragmentLossEvidence>());

        // Phones over UDP get no answer, phones over TCP no connection: the cause says both.
        if (cause.Kind is CauseKind.RequestUndelivered or CauseKind.ClientsTakenOnLink
            && cause.Findings.Find(f => f.ClientSymptom is { } s && s != ClientSymptoms.ConnectionUnreachable) is { } udp
            && cause.Findings.Exists(f => f.ClientSymptom == ClientSymptoms.ConnectionUnreachable))
            cause.Symptom = udp.ClientSymptom + " A phone over TCP cannot even open its connection to the server and shows it as unreachable.";

        var healthy = HealthyClients(paths, lead.ServerIp, affected);
        if (cause.Kind == CauseKind.ServerSilent && cause.Findings.Exists(f => f.Kind == FindingKind.InviteUnanswered))
            (cause.AffectedRegistered, cause.AffectedAnswered) = AnsweredClients(paths, lead.ServerIp, affected);
        if (CauseKinds.IsRouting(cause.Kind) || cause.Kind is CauseKind.CredentialsRejected or CauseKind.RegistrationRefused or CauseKind.RequestUndelivered)
        {
            // Requests that reach the server through a router, answered (if at all) through a router too, come from
            // another link than the server's: the server and that router's address there are no part of the clients'
            // subnet, and a prefix wide enough for two client subnets must not take them in (192.168.0.0/22 for .1.x
            // and .2.x). Clients the server answers directly share its link, and its subnet.
            var outside = new List<NetAddress>(healthy.Keys);
            if (lead.RequestHop is { IsRouter: true } router && lead.ResponseHop is null or { IsRouter: true })
            {
                if (!lead.ServerIp.IsNone) outside.Add(lead.ServerIp);
                outside.AddRange(router.Addresses.Take(PathSentences.MaxListed));
            }
            cause.Subnet = AffectedSubnet.Infer(affected, outside, topology);
        }
        cause.HealthyClients.AddRange(healthy.Values.Order(StringComparer.Ordinal).Take(MaxHealthyShown));
        // Behind one NAT, the clients the server answers at their source port work from the affected address itself.
        if (cause.Kind == CauseKind.RepliesMisaddressed)
        {
            var (working, withRport) = AnsweredAtSource(paths, lead.ServerIp, affected, clients);
            cause.HealthyClients.AddRange(working.Take(MaxHealthyShown - cause.HealthyClients.Count));
            cause.RegisteredWithRport = withRport;
        }
        SampleFrames(cause);
        cause.WiresharkFilter = Filter(cause, lead);
        CauseText.Describe(cause, lead);
    }

    // Clients of the same server whose 2xx arrived: where the subnet of the affected ones must stop.
    private static Dictionary<NetAddress, string> HealthyClients(IReadOnlyList<TransactionPath> paths, NetAddress server, HashSet<NetAddress> affected)
    {
        var healthy = new Dictionary<NetAddress, string>();
        if (server.IsNone) return healthy;
        foreach (var p in paths)
        {
            var t = p.Transaction;
            // Working means a registration or a call that got its 2xx: a scanner's OPTIONS answered 200 and its
            // REGISTERs answered 401 or 404 say nothing about the route.
            if (t.Method is not ("REGISTER" or "INVITE") || t.Requests.Count == 0 || p.FinalResponse?.Status is not (>= 200 and < 300)
                || p.Delivery == ResponseDelivery.NotDelivered) continue;
            var meta = t.Requests[0].Meta;
            if (meta.DestinationIp != server || affected.Contains(meta.SourceIp)) continue;
            healthy.TryAdd(meta.SourceIp, t.Client);
        }
        return healthy;
    }

    // Clients from the affected addresses whose 2xx came back to the port they sent from (the first few), and how many
    // of them registered over UDP asking for rport: the contrast that names the fix.
    private static (SortedSet<string> Working, int WithRport) AnsweredAtSource(IReadOnlyList<TransactionPath> paths, NetAddress server,
                                                                              HashSet<NetAddress> affected, SortedSet<string> affectedClients)
    {
        var working = new SortedSet<string>(StringComparer.Ordinal);
        var withRport = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in paths)
        {
            var t = p.Transaction;
            if (t.Method is not ("REGISTER" or "INVITE") || t.Requests.Count == 0 || p.FinalResponse?.Status is not (>= 200 and < 300)
                || p.Delivery == ResponseDelivery.NotDelivered || p.RepliedTo is not null) continue;
            var meta = t.Requests[0].Meta;
            if (meta.DestinationIp != server || !affected.Contains(meta.SourceIp) || affectedClients.Contains(t.Client)) continue;
            working.Add(t.Client);
            if (working.Count > MaxHealthyShown) working.Remove(working.Max!); // the first few, in order, at any scale
            if (t.Method == "REGISTER" && t.Transport == Transport.Udp && p.ViaAsksRport) withRport.Add(t.Client);
        }
        return (working, withRport.Count);
    }

    // How many of the affected clients the server registered (a 2xx to their REGISTER), and how many it answered at all
    // (any response to any of their requests), the answers not lost.
    private static (int Registered, int Answered) AnsweredClients(IReadOnlyList<TransactionPath> paths, NetAddress server, HashSet<NetAddress> affected)
    {
        var registered = new HashSet<NetAddress>();
        var answered = new HashSet<NetAddress>();
        foreach (var p in paths)
        {
            var t = p.Transaction;
            if (t.Requests.Count == 0 || t.Responses.Count == 0 || p.Delivery == ResponseDelivery.NotDelivered) continue;
            var meta = t.Requests[0].Meta;
            if (meta.DestinationIp != server || !affected.Contains(meta.SourceIp)) continue;
            answered.Add(meta.SourceIp);
            if (t.Method == "REGISTER" && p.FinalResponse?.Status is >= 200 and < 300) registered.Add(meta.SourceIp);
        }
        return (registered.Count, answered.Count);
    }

    // The first frame of every finding first, so each finding is represented; then the rest in order.
    private static void SampleFrames(Cause cause)
    {
        var all = new SortedSet<FrameRef>();
        foreach (var f in cause.Findings) all.UnionWith(f.Frames);
        cause.FrameCount = all.Count;
        var sample = new SortedSet<FrameRef>();
        foreach (var f in cause.Findings)
            if (f.Frames.Count > 0 && sample.Count < Cause.MaxFrames) sample.Add(f.Frames[0]);
        foreach (var frame in all)
        {
            if (sample.Count >= Cause.MaxFrames) break;
            sample.Add(frame);
        }
        cause.Frames.AddRange(sample);
    }

    // The users of guesses sprayed over several, when every finding of the cause is one of that spray's addresses and
    // each of its users is named; null otherwise (a lone guesser beside them tried others).
    private static List<string>? SprayedUsers(Cause cause)
    {
        var users = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var f in cause.Findings)
        {
            if (f.Evidence is not RegistrationRejectedEvidence { GroupUsers: > 1 } e || e.GroupUserSample.Count != e.GroupUsers) return null;
            users.UnionWith(e.GroupUserSample);
            if (users.Count > Paths.DistributedGuessing.MaxUsersNamed) return null;
        }
        return users.Count > 1 ? users.ToList() : null;
    }

    private static string? Filter(Cause cause, Finding lead)
    {
        if (cause.Findings.Count == 1) return lead.WiresharkFilter;
        // A sweep's evidence is what its sources sent, to whichever endpoint.
        if (cause.Kind == CauseKind.SipScan && cause.Findings.Select(f => f.Server).Distinct(StringComparer.Ordinal).Count() > 1
            && ScanSweeps.SourcesOf(cause).Take(Cause.MaxClients).ToList() is { Count: > 0 } sources)
        {
            var v6 = sources.Where(a => a.IsV6).Select(a => a.ToString()).ToList();
            var v4 = sources.Where(a => !a.IsV6).Select(a => a.ToString()).ToList();
            var terms = new List<string>();
            if (v4.Count > 0) terms.Add(v4.Count == 1 ? $"ip.src == {v4[0]}" : $"ip.src in {{{string.Join(",", v4)}}}");
            if (v6.Count > 0) terms.Add(v6.Count == 1 ? $"ipv6.src == {v6[0]}" : $"ipv6.src in {{{string.Join(",", v6)}}}");
            return $"({string.Join(" || ", terms)}) && sip.Method";
        }
        // The fragments are the evidence (an ICMP error folded in is their consequence).
        if (cause.Kind == CauseKind.FragmentsDropped
            && Reassembly.FragmentLossFinding.FilterOf(cause.Findings.Where(f => f.Kind == FindingKind.SipFragmentsLost).ToList()) is { } fragments)
            return fragments;
        if (cause.Server is null || lead.ServerIp.IsNone) return lead.WiresharkFilter;
        string field = lead.ServerIp.IsV6 ? "ipv6.addr" : "ip.addr";
        // Addresses guessing together, too many to list: what they share is the user they try.
        if (cause.Kind == CauseKind.PasswordGuessing
            && cause.Findings.Select(f => (f.Evidence as RegistrationRejectedEvidence)?.GroupUser).Distinct(StringComparer.Ordinal).ToList() is [{ } user])
            return $"{field} == {cause.Server} && sip.CSeq.method == \"REGISTER\" && sip.from.user == \"{PathFilters.Escape(user)}\"";
        // Guesses sprayed over users: the users they tried, when every one is named.
        if (cause.Kind == CauseKind.PasswordGuessing && SprayedUsers(cause) is { } sprayed)
            return $"{field} == {cause.Server} && sip.CSeq.method == \"REGISTER\" && sip.from.user in {{{string.Join(",", sprayed.Select(u => $"\"{PathFilters.Escape(u)}\""))}}}";
        if (cause.Subnet is { } subnet)
        {
            string both = $"{field} == {cause.Server} && {field} == {subnet}";
            // The server's ARP requests for the clients are the evidence: shown beside the requests it left unanswered.
            return cause.Kind == CauseKind.ClientsTakenOnLink && !lead.ServerIp.IsV6
                ? $"({both}) || (arp.src.proto_ipv4 == {cause.Server} && arp.dst.proto_ipv4 == {subnet})"
                // The two devices' announcements of the one address are the evidence.
                : cause.Kind == CauseKind.AddressConflict && lead.ResponseHop?.SharedAddressWith(lead.RequestHop) is { IsV6: false } shared
                ? $"({both}) || arp.src.proto_ipv4 == {shared}"
                : both;
        }
        var ips = cause.Findings.Where(f => !f.ClientIp.IsNone).Select(f => f.ClientIp.ToString()).Distinct().Take(Cause.MaxClients).ToList();
        // Answers from another address of the server are the evidence: that address with the one the requests went to.
        var servers = new List<string> { cause.Server };
        servers.AddRange(cause.Findings.Select(f => f.Evidence).OfType<ResponseWrongSourceEvidence>()
            .Select(e => Packets.EndpointText.HostOf(e.RepliedFrom).Trim('[', ']')).Distinct().Where(s => s != cause.Server).Take(PathSentences.MaxListed));
        string server = servers.Count == 1 ? $"{field} == {cause.Server}" : $"{field} in {{{string.Join(",", servers)}}}";
        return ips.Count == 0 ? lead.WiresharkFilter : $"{server} && {field} in {{{string.Join(",", ips)}}}";
    }

    private readonly record struct CauseKey(CauseKind Kind, NetAddress Server, MacAddress Wrong, MacAddress Right, string? Name);
}
