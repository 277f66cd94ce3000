using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths.Text;
using PcapSipAnalyzer.Analyzer.Scans;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Turns transaction paths, TCP handshakes and registrations into findings: one per client and problem. The
/// rules are <see cref="FindingClassifier"/>'s, the words one template per kind (<c>Paths/Text</c>), the facts
/// typed evidence records; this class gathers the problems and puts each finding together.
/// </summary>
internal sealed class PathFindingBuilder
{
    private readonly PathEvidence _evidence;
    private readonly PathAnalyzerOptions _options;
    private readonly TopologyFile? _topology;
    private readonly CredentialsFile? _credentials;
    // Clients whose INVITEs the server did answer (client, server): one of their calls going unanswered is a miss, not a wall.
    private readonly HashSet<(string, string)> _answeredCallers = new();

    public PathFindingBuilder(PathEvidence evidence, PathAnalyzerOptions options, TopologyFile? topology, CredentialsFile? credentials)
    {
        _evidence = evidence;
        _options = options;
        _topology = topology;
        _credentials = credentials;
    }

    public List<Finding> Build(IReadOnlyList<TransactionPath> paths, IReadOnlyList<Registration> registrations,
                               ScanMembership? scan = null, Func<SegmentKey, bool>? atPoint = null, MacAddress portOwner = default,
                               RetentionCuts cuts = default)
    {
        var context = new PathFindingContext(_evidence, _options, _topology, _credentials, FirstRegistrations(paths), portOwner) { Cuts = cuts };
        var problems = new Dictionary<(string, FindingKind), PathProblem>();
        PathProblem Problem(string client, FindingKind kind)
        {
            if (!problems.TryGetValue((client, kind), out var p)) problems[(client, kind)] = p = new PathProblem(client, kind);
            return p;
        }

        // Calls answered somewhere (a forked call's other branch), and clients whose calls the server answers.
        var answeredCalls = new HashSet<string>(StringComparer.Ordinal);
        _answeredCallers.Clear();
        foreach (var path in paths)
        {
            if (path.Transaction is { Method: "INVITE", CallId: { } callId } && path.FinalResponse?.Status is >= 200 and < 300) answeredCalls.Add(callId);
            if (path.Transaction is { Method: "INVITE", Responses.Count: > 0 } answered) _answeredCallers.Add((answered.Client, answered.Server));
        }

        var registeredFrom = RegisteredThroughNat(paths);
        foreach (var path in paths)
        {
            if (scan?.Covers(path.Transaction) == true) continue; // counted in the scan's own finding
            // A call to a phone at the address it registered from through a NAT, refused or unanswered there: the
            // NAT forgot the phone. One finding about the phone, instead of the PBX "calling" a silent server.
            if (ExpiredBinding(path, registeredFrom, context) is { } registration)
            {
                var expired = Problem(path.Transaction.Server, FindingKind.NatBindingExpired);
                expired.Paths.Add(path);
                expired.RegisteredFrom ??= registration;
                continue;
            }
            var facts = TransactionPathFacts.Of(path, context.CaptureEndNs(path.Transaction.Capture), _options.TimerFNs,
                path.Transaction.CallId is { } call && answeredCalls.Contains(call));
            var kind = FindingClassifier.Classify(facts);
            if (kind is not null) Problem(path.Transaction.Client, kind.Value).Paths.Add(path);
            // A port unreachable for an answer sent to the Via's port (or from another address) is how that answer was lost:
            // its evidence, not a finding of its own.
            if (kind is not (FindingKind.ResponseWrongPort or FindingKind.ResponseWrongSource) && FindingClassifier.ClassifyIcmp(path.IcmpErrors.Count) is FindingKind icmp)
                Problem(path.Transaction.Client, icmp).Paths.Add(path);
        }
        // A phone retries a refused connection from a new port each time: its attempts are one problem, named by the first.
        var refusedClient = new Dictionary<(NetAddress, string, SegmentKey), string>();
        foreach (var c in _evidence.Handshakes.Connections.OrderBy(c => c.FirstSyn))
        {
            if (!c.CarriedSip || (atPoint is not null && !atPoint(c.Segment))) continue;
            var lookup = ClientLookup(c);
            if (FindingClassifier.Classify(HandshakeFacts.Of(c, lookup is not null)) is FindingKind kind)
            {
                string client = kind != FindingKind.ConnectionRefused ? c.Key.ClientEndpoint
                    : refusedClient.TryGetValue((c.Key.Client, c.Key.ServerEndpoint, c.Segment), out var first) ? first
                    : refusedClient[(c.Key.Client, c.Key.ServerEndpoint, c.Segment)] = c.Key.ClientEndpoint;
                var problem = Problem(client, kind);
                problem.Handshakes.Add(c);
                problem.ClientLookup ??= lookup;
            }
            // An ICMP error quoting the SYN, the SYN-ACK or any segment of the connection is about this client too.
            if (FindingClassifier.ClassifyIcmp(context.IcmpAbout(c).Count) is FindingKind icmp) Problem(c.Key.ClientEndpoint, icmp).Handshakes.Add(c);
        }
        // Calls tried with guessed credentials, many and fast: an attack on the line, one problem per client.
        foreach (var (client, tries) in TollFraud.Find(paths, p => scan?.Covers(p.Transaction) == true))
            Problem(client, FindingKind.TollFraudAttempt).Paths.AddRange(tries);
        foreach (var r in registrations)
            if (scan?.Covers(r) != true && FindingClassifier.ClassifyRegistration(r.Outcome) is FindingKind kind) Problem(r.Client, kind).Registrations.Add(r);

        foreach (var key in problems.Keys.ToList())
            if (FindingClassifier.IsSuperseded(key.Item2, other => problems.ContainsKey((key.Item1, other))))
                problems.Remove(key);

        // Guessers that take turns from many addresses are each too few to tell: their users' refusals together tell them.
        foreach (var (p, group) in DistributedGuessing.Find(problems.Values)) p.GuessingGroup = group;

        var findings = new List<Finding>();
        foreach (var p in problems.Values) findings.Add(Build(p, context));
        findings.AddRange(RouteChangeDetector.Find(scan is null ? paths : paths.Where(p => !scan.Covers(p.Transaction)).ToList()));
        findings.Sort((a, b) => a.Severity != b.Severity ? a.Severity.CompareTo(b.Severity)
            : string.CompareOrdinal(a.Client, b.Client) != 0 ? string.CompareOrdinal(a.Client, b.Client)
            : FindingKinds.CompareByName(a.Kind, b.Kind));
        return findings;
    }

    // Per client endpoint, the latest REGISTER whose 2xx reached it and whose Via names another address than it came
    // from: a phone behind a NAT, known to the server by the NAT's address and port.
    private static Dictionary<string, TransactionPath> RegisteredThroughNat(IReadOnlyList<TransactionPath> paths)
    {
        var registered = new Dictionary<string, TransactionPath>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var t = path.Transaction;
            if (t.Method != "REGISTER" || t.Transport != Transport.Udp || path.FinalResponse?.Status is not (>= 200 and < 300)
                || path.Delivery == ResponseDelivery.NotDelivered || t.Requests.Count == 0 || ViaHostBehindNat(t) is null) continue;
            if (!registered.TryGetValue(t.Client, out var known) || known.Transaction.FirstRequestNs < t.FirstRequestNs) registered[t.Client] = path;
        }
        return registered;
    }

    /// <summary>The address the request's top Via names when it is another than the request came from (a NAT on the way); else null.</summary>
    internal static string? ViaHostBehindNat(Transaction t) => PathAnalyzer.TranslatedViaHost(t.Requests[0].TopVia, t.Requests[0].Meta.SourceIp);

    // A call (an INVITE) over UDP to an endpoint a phone registered from through a NAT, sent after the phone's last
    // packet, with no final answer: refused by the NAT's address (ICMP unreachable) or never answered at all. An
    // OPTIONS ping to a phone that is gone is no finding, as elsewhere.
    private TransactionPath? ExpiredBinding(TransactionPath path, Dictionary<string, TransactionPath> registeredFrom, PathFindingContext c)
    {
        var t = path.Transaction;
        if (registeredFrom.Count == 0 || t.Method != "INVITE" || t.Transport != Transport.Udp || path.FinalResponse is not null
            || t.Responses.Count > 0 || t.Requests.Count == 0 || !registeredFrom.TryGetValue(t.Server, out var registration)) return null;
        var phone = registration.Transaction;
        if (PathSentences.LastRequestNs(phone) >= t.FirstRequestNs) return null;
        var to = t.Requests[0].Meta.DestinationIp;
        bool refused = path.IcmpErrors.Any(e => e.ReporterIp == to && e.Kind == IcmpErrorKind.Unreachable);
        bool timedOut = t.RequestCount >= 2 && c.CaptureEndNs(t.Capture) - t.FirstRequestNs >= _options.TimerFNs;
        return refused || timedOut ? registration : null;
    }

    // Per client, the first REGISTER whose 2xx reached it: a later failure is a refresh that broke, not a phone
    // that never got in.
    private static Dictionary<string, TransactionPath> FirstRegistrations(IReadOnlyList<TransactionPath> paths)
    {
        var registered = new Dictionary<string, TransactionPath>(StringComparer.Ordinal);
        foreach (var path in paths)
            if (path.Transaction.Method == "REGISTER" && path.FinalResponse?.Status is >= 200 and < 300
                && path.Delivery != ResponseDelivery.NotDelivered
                && (!registered.TryGetValue(path.Transaction.Client, out var known) || path.Transaction.FirstRequestNs < known.Transaction.FirstRequestNs))
                registered[path.Transaction.Client] = path;
        return registered;
    }

    private Finding Build(PathProblem p, PathFindingContext c) => p.Kind switch
    {
        FindingKind.ResponseWrongGateway => FromPaths(p, WrongGatewayText.Write(p, c),
            new WrongGatewayEvidence(PathOf(p), c.Password(p.Paths)?.Verdict)),
        FindingKind.ResponseLost => ResponseLost(p, c),
        FindingKind.ResponseWrongSource => FromPaths(p, ResponseWrongSourceText.Write(p, c), new ResponseWrongSourceEvidence(PathOf(p),
            p.KeyPath.Transaction.Server, p.KeyPath.RepliedFrom!, SameHost(p.KeyPath), c.Password(p.Paths)?.Verdict)),
        FindingKind.ResponseWrongPort => FromPaths(p, ResponseWrongPortText.Write(p, c), new ResponseWrongPortEvidence(PathOf(p),
            p.KeyPath.Transaction.Client, p.KeyPath.RepliedTo!, p.KeyPath.ViaAsksRport, c.Password(p.Paths)?.Verdict)),
        FindingKind.AsymmetricPath when p.Paths.Count > 0 => WithHandshakeFrames(
            FromPaths(p, AsymmetricPathText.Write(p, c), new AsymmetricPathEvidence(PathOf(p))), p.Handshakes),
        FindingKind.AsymmetricPath => FromHandshakes(p, AsymmetricPathText.Write(p, c), new AsymmetricPathEvidence(null), c),
        FindingKind.RegisterUnanswered or FindingKind.InviteUnanswered => Unanswered(p, c),
        FindingKind.NatBindingExpired => Expired(p, c),
        FindingKind.SynAckWrongGateway => FromHandshakes(p, SynAckWrongGatewayText.Write(p, c), SynAckEvidence(p.Handshakes[0], c), c),
        FindingKind.ConnectionRefused => Refused(p, c),
        FindingKind.ConnectionUnanswered => WithLookupFrames(FromHandshakes(p, ConnectionUnansweredText.Write(p, c),
            new ConnectionUnansweredEvidence(p.ClientLookup?.Count ?? 0), c), p.ClientLookup),
        FindingKind.IcmpError => Icmp(p, c),
        FindingKind.RegistrationRejected => Rejected(p, c),
        FindingKind.TollFraudAttempt => TollFraudAttempt(p, c),
        // The other kinds come from the media, scan and capture-point analyses, never from a path problem.
        FindingKind.RouteChanged or FindingKind.SipScan or FindingKind.RtpOneWay or FindingKind.RtpNoMedia or FindingKind.RtpUnexpectedSource
            or FindingKind.RtpLoss or FindingKind.RtpJitter or FindingKind.RtpPoorQuality or FindingKind.MediaNotOnPath or FindingKind.MediaNotCaptured or FindingKind.SipAlgRewrite or FindingKind.NatTranslation
            or FindingKind.SipFragmentsLost
            => throw new InvalidOperationException($"{FindingKinds.WireName(p.Kind)} is not a path problem"),
        _ => throw new ArgumentOutOfRangeException(nameof(p), p.Kind, "a finding kind without a template"),
    };

    private static TransactionPathEvidence PathOf(PathProblem p) => TransactionPathEvidence.Of(p.KeyPath, p.Paths);

    // The answer came from the MAC the request went to: the same host, another of its addresses.
    internal static bool SameHost(TransactionPath p) =>
        p.FinalResponse is { Messages: [var answer, ..] } && p.Transaction.Requests.Count > 0
        && answer.Meta.SourceMac == p.Transaction.Requests[0].Meta.DestinationMac;

    // Whether the capture sees the server's own traffic decides what "no response" proves: decided once, for the words and the cause.
    private Finding Unanswered(PathProblem p, PathFindingContext c)
    {
        bool seesServer = p.KeyPath.Side == PathSide.Server && c.IsServerUplink(p.KeyPath);
        var t = p.KeyPath.Transaction;
        // The server answers this client's other calls: the way works, and this call alone got nothing back.
        bool isolated = p.Kind == FindingKind.InviteUnanswered && _answeredCallers.Contains((t.Client, t.Server));
        var f = FromPaths(p, RequestUnansweredText.Write(p, c, seesServer), new RequestUnansweredEvidence(PathOf(p))
            {
                SeesServerTraffic = seesServer,
                ServerAskedForClient = RequestUnansweredText.ClientLookup(p)?.Count ?? 0,
            },
            isolated ? Severity.Warning : null);
        if (isolated)
        {
            f.Explanation += $" Its other calls to {t.Server} were answered: {(p.Paths.Count == 1 ? "this one alone" : "these alone")} got nothing back "
                             + "(a request the server dropped or ignored, or an answer the capture did not hold).";
        }
        return f;
    }

    // About the phone, not the server that called it: the phone is the finding's client, the caller its server.
    private Finding Expired(PathProblem p, PathFindingContext c)
    {
        var key = p.KeyPath;
        var t = key.Transaction;
        var registration = p.RegisteredFrom!;
        int icmp = p.Paths.Sum(x => x.IcmpErrors.Count);
        double idle = (t.FirstRequestNs - PathSentences.LastRequestNs(registration.Transaction)) / 1e9;
        var f = New(p, NatBindingExpiredText.Write(p, c, idle, icmp),
            new NatBindingExpiredEvidence(PathOf(p), registration.Transaction.FirstFrame, ViaHostBehindNat(registration.Transaction)!, Math.Round(idle, 1), icmp));
        f.Server = t.Client;
        Fill(f, p);
        AddFrames(f, registration.Frames());
        f.Frames.Sort();
        (f.ClientIp, f.ServerIp) = (t.Requests[0].Meta.DestinationIp, t.Requests[0].Meta.SourceIp);
        // The leg to the NAT and what the NAT sent back (Wireshark dissects the INVITE an ICMP error quotes), not the caller's leg.
        if (t.CallId is { } callId) f.WiresharkFilter = $"{PathFilters.AddressField(f.ClientIp)} == {f.ClientIp} && {PathFilters.CallId(callId)}";
        return f;
    }

    // The SYNs came through a router and the server asked ARP for the client itself, unanswered: a connection it cannot answer.
    private NeighborLookups.Lookup? ClientLookup(TcpHandshake h)
    {
        if (h.SynAckCount > 0 || !PathAnalyzer.Comparable(h.SynSourceMac)) return null;
        return _evidence.ServerLookedForClient(h.Segment, _evidence.Neighbors.NextHop(h.Segment, h.SynSourceMac), h.Key.Server, h.Key.Client);
    }

    // A refused connection tried again is a phone that cannot connect (an error); tried once, it may be a port scan's probe.
    private static Finding Refused(PathProblem p, PathFindingContext c)
    {
        int attempts = p.Handshakes.Sum(h => 1 + h.RefusedBefore);
        var f = New(p, ConnectionRefusedText.Write(p, attempts), new ConnectionRefusedEvidence(attempts),
            severity: attempts > 1 ? Severity.Error : Severity.Warning);
        FillHandshake(f, p, c);
        f.FirstNs = p.Handshakes.Min(h => h.FirstAttemptNs);
        f.WiresharkFilter = PathFilters.Refused(p.Handshakes[0]);
        return f;
    }

    // Every exchange the ICMP errors are about ended well: a final response that was not lost, a connection that came up.
    private static bool Recovered(PathProblem p) =>
        (p.Paths.Count > 0 || p.Handshakes.Count > 0)
        && p.Paths.TrueForAll(x => x.FinalResponse is not null && x.Delivery != ResponseDelivery.NotDelivered)
        && p.Handshakes.TrueForAll(h => h.Completed);

    private static SynAckWrongGatewayEvidence SynAckEvidence(TcpHandshake h, PathFindingContext c) => new(
        c.Hop(h.Segment, h.SynSourceMac), c.Hop(h.Segment, h.SynAckDestinationMac), h.SynRetransmissions, h.SynAckRetransmissions);

    private static Finding New(PathProblem p, FindingText text, FindingEvidence evidence, bool icmpDropped = false, bool icmpRecovered = false,
        Severity? severity = null) => new()
    {
        Kind = p.Kind,
        Severity = severity ?? FindingClassifier.SeverityOf(p.Kind, icmpDropped, icmpRecovered),
        Summary = text.Summary,
        Explanation = text.Explanation,
        ClientSymptom = text.ClientSymptom,
        Client = p.Client,
        Evidence = evidence,
    };

    private Finding ResponseLost(PathProblem p, PathFindingContext c)
    {
        var evidence = p.Paths.Count > 0 ? new ResponseLostEvidence(PathOf(p), c.Password(p.Paths)?.Verdict) : new ResponseLostEvidence(null, null);
        bool recorded = ResponseLostText.NextHopRecorded(p, c);
        var lookups = recorded ? null : GatewayLookups.Of(p, c);
        if (!recorded) evidence = evidence.WithUnrecordedNextHop(lookups);
        var text = ResponseLostText.Write(p, c, recorded, lookups);
        var f = p.Paths.Count > 0 ? FromPaths(p, text, evidence) : FromHandshakes(p, text, evidence, c);
        // The ARP requests the text names are evidence too: marked in the annotated capture, in the finding's frames.
        if (lookups is not null)
        {
            foreach (var (_, lookup) in lookups.Gateways) AddFrames(f, lookup.Frames);
            f.Frames.Sort();
        }
        return f;
    }

    // Frames the finding does not list yet, in their order (the caller sorts once it has added all).
    private static void AddFrames(Finding f, IEnumerable<FrameRef> frames)
    {
        foreach (var frame in frames)
            if (!f.Frames.Contains(frame)) f.Frames.Add(frame);
    }

    private Finding FromPaths(PathProblem p, FindingText text, FindingEvidence evidence, Severity? severity = null)
    {
        var f = New(p, text, evidence, severity: severity);
        Fill(f, p);
        return f;
    }

    private static Finding FromHandshakes(PathProblem p, FindingText text, FindingEvidence evidence, PathFindingContext c)
    {
        var f = New(p, text, evidence);
        FillHandshake(f, p, c);
        return f;
    }

    private Finding Icmp(PathProblem p, PathFindingContext c)
    {
        var errors = c.IcmpErrors(p);
        bool dropped = errors.Exists(x => FindingClassifier.Drops(x.Error.Kind));
        string? closed = IcmpErrorText.ClosedEndpoint(errors);
        bool closedAtClient = closed is not null && IcmpErrorText.AtClient(p, errors);
        bool recovered = dropped && Recovered(p);
        bool undelivered = !recovered && IcmpErrorText.RequestUndelivered(p, errors);
        // A client that has closed its port (it restarted, or was a tool that sends and quits) loses nothing on
        // the network: a warning, not the error a dropped packet is.
        var f = New(p, IcmpErrorText.Write(p, c, errors, closed, closedAtClient, undelivered, recovered), new IcmpErrorEvidence(
            p.Paths.Count > 0 ? PathOf(p) : null,
            errors.Select(x => x.Error.ReporterIp.ToString()).Distinct().Take(PathSentences.MaxListed).ToList(),
            errors.Select(x => x.Error.Reason).Distinct().Take(PathSentences.MaxListed).ToList())
            {
                ClosedEndpoint = closed, ClosedAtClient = closedAtClient,
                TooBig = errors.TrueForAll(x => x.Error.Kind == IcmpErrorKind.PacketTooBig),
                RequestUndelivered = undelivered,
                Recovered = recovered,
                Reporter = IcmpErrorText.Reporter(c, errors),
            }, dropped && !closedAtClient, recovered);
        if (p.Paths.Count > 0) Fill(f, p); else FillHandshake(f, p, c);
        f.Frames.Clear();
        foreach (var (e, _) in errors) f.Frames.Add(e.Frame);
        foreach (var path in p.Paths) AddFrames(f, path.Frames());
        foreach (var h in p.Handshakes) AddFrames(f, h.Frames);
        f.Frames.Sort();
        f.Count = errors.Count;
        f.WiresharkFilter = string.Join(" || ", errors.Select(x => PathFilters.Icmp(x.Error)).Distinct().Take(_options.MaxFilterTerms));
        return f;
    }

    private static Finding Rejected(PathProblem p, PathFindingContext c)
    {
        var r = p.Registrations[0];
        var last = r.Transactions.Count > 0 ? r.Transactions[^1] : null;
        var guessing = PasswordGuessing.Of(p.Registrations);
        var group = guessing is null ? p.GuessingGroup : null;
        // One of many addresses guessing together: its own attempts, and the group's in the text.
        if (group is not null) guessing = PasswordGuessing.Own(p.Registrations);
        bool atLeast = c.Cuts.Registrations && guessing is not null;
        var f = New(p, RegistrationRejectedText.Write(p, c, guessing, group, atLeast),
            new RegistrationRejectedEvidence(r.FinalStatus ?? 0, c.Password(RegistrationRejectedText.AuthPaths(r))?.Verdict)
            {
                Guessing = guessing is not null,
                Attempts = guessing?.Attempts ?? p.Registrations.Count,
                SpanNs = guessing?.SpanNs ?? 0,
                GuessingSources = group?.Sources ?? (guessing is null ? 0 : 1),
                GroupAttempts = group?.Attempts ?? 0,
                GroupUser = group?.User,
                GroupUsers = group?.Users ?? 0,
                GroupUserSample = group?.UserSample ?? [],
                AttemptsAtLeast = atLeast,
                CredentialsSent = p.Registrations.Exists(x => x.Username is not null),
                Users = Math.Max(1, RegistrationRejectedText.Users(p).Count),
            });
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
        f.WiresharkFilter = last is null ? null : PathFilters.CallIds(p.Registrations.Select(x => x.CallId), c.Options.MaxFilterTerms, f.ClientIp);
        // A guesser's attempts are each a Call-ID of its own: what shows them all is its address.
        if (guessing is not null && !f.ClientIp.IsNone)
            f.WiresharkFilter = PathFilters.Registers(f.ClientIp);
        return f;
    }

    private static Finding TollFraudAttempt(PathProblem p, PathFindingContext c)
    {
        var (calls, span) = TollFraud.Attempts(p.Paths);
        int accepted = p.Paths.Count(x => TollFraud.Accepted(x.Transaction));
        var numbers = p.Paths.Select(x => TollFraud.Dialled(x.Transaction.RequestUri)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        string? user = p.Paths.Select(x => x.Transaction.Credentials?.Username).OfType<string>()
            .GroupBy(u => u, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        var f = New(p, TollFraudText.Write(p, calls, span, numbers, user, accepted, c.Cuts.Transactions),
            new TollFraudEvidence(calls, span, numbers.Count, user, accepted) { AttemptsAtLeast = c.Cuts.Transactions },
            severity: accepted > 0 ? Severity.Error : null);
        var first = p.Paths[0].Transaction;
        f.Server = first.Server;
        f.Transport = first.Transport;
        f.ClientIp = first.Requests[0].Meta.SourceIp;
        f.ServerIp = first.Requests[0].Meta.DestinationIp;
        foreach (var path in p.Paths) foreach (var frame in path.Frames()) f.Frames.Add(frame);
        f.Frames.Sort();
        f.Count = calls;
        Span(f, p.Paths.Min(x => x.Transaction.FirstRequestNs), p.Paths.Max(x => x.Transaction.LastMessageNs));
        // Each call is a Call-ID of its own: what shows them all is the caller's address.
        f.WiresharkFilter = $"{(f.ClientIp.IsV6 ? "ipv6.addr" : "ip.addr")} == {f.ClientIp} && sip.CSeq.method == \"INVITE\"";
        return f;
    }

    // ---- evidence fields ----------------------------------------------------------------------------------------

    private void Fill(Finding f, PathProblem p)
    {
        var paths = p.Paths;
        var key = p.KeyPath;
        var t = key.Transaction;
        f.Server ??= t.Server;
        f.Transport ??= t.Transport;
        f.CallId = t.CallId;
        f.CSeq = t.CSeq;
        var frames = new HashSet<FrameRef>();
        foreach (var path in paths) foreach (var frame in path.Frames()) frames.Add(frame);
        f.Frames.AddRange(frames);
        f.Frames.Sort();
        f.Count = paths.Count;
        f.WiresharkFilter = PathFilters.Sip(paths, _options.MaxFilterTerms);
        f.RequestHop = key.RequestHop;
        f.ResponseHop = key.ResponseHop;
        if (t.Requests.Count > 0)
        {
            f.ClientIp = t.Requests[0].Meta.SourceIp;
            f.ServerIp = t.Requests[0].Meta.DestinationIp;
        }
        Span(f, paths.Min(x => x.Transaction.FirstRequestNs), paths.Max(x => x.Transaction.LastMessageNs));
    }

    private static void FillHandshake(Finding f, PathProblem p, PathFindingContext c)
    {
        var h = p.Handshakes[0];
        f.RequestHop ??= c.RecordedHop(h.Segment, h.SynSourceMac);
        f.ResponseHop ??= c.RecordedHop(h.Segment, h.SynAckDestinationMac);
        f.ClientIp = h.Key.Client;
        f.ServerIp = h.Key.Server;
        Span(f, p.Handshakes.Min(x => x.FirstSynNs), p.Handshakes.Max(x => Math.Max(x.FirstSynNs, x.FirstSynAckNs)));
        f.Server = h.Key.ServerEndpoint;
        f.Transport = h.Key.ServerPort == 5061 ? Transport.Tls : Transport.Tcp;
        WithHandshakeFrames(f, p.Handshakes);
        f.Count = p.Handshakes.Count;
        f.WiresharkFilter = PathFilters.Handshake(h);
    }

    // Widens the finding's time span; the findings of several kinds for one client meet in one cause.
    private static void Span(Finding f, long firstNs, long lastNs)
    {
        if (f.FirstNs == 0 || firstNs < f.FirstNs) f.FirstNs = firstNs;
        if (lastNs > f.LastNs) f.LastNs = lastNs;
    }

    // The server's ARP requests for the client, beside the SYNs it never answered.
    private static Finding WithLookupFrames(Finding f, NeighborLookups.Lookup? lookup)
    {
        if (lookup is null) return f;
        foreach (var frame in lookup.Frames)
            if (!f.Frames.Contains(frame)) f.Frames.Add(frame);
        f.Frames.Sort();
        return f;
    }

    private static Finding WithHandshakeFrames(Finding f, List<TcpHandshake> handshakes)
    {
        foreach (var h in handshakes)
            foreach (var frame in h.Frames)
                if (!f.Frames.Contains(frame)) f.Frames.Add(frame);
        f.Frames.Sort();
        return f;
    }
}
