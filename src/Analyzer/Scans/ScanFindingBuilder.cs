using System.Globalization;
using System.Text;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// One <c>sip-scan</c> finding per scanned server: how many requests from how many sources and networks, the
/// User-Agents, what the server answered, a few sample clients with their frames and a display filter. Its
/// size is fixed by the caps below, whether the scan had a hundred clients or a million.
/// </summary>
internal sealed class ScanFindingBuilder(PathEvidence evidence)
{
    private const int MaxNetworksListed = 12;
    private const int MaxAgentsListed = 8;
    /// <summary>/16 networks named in the explanation; with more, the widest prefixes they fall in.</summary>
    private const int MaxNamedNetworks = 4;

    public IEnumerable<Finding> Build(ScanTally tally)
    {
        foreach (var scan in tally.Scans) yield return Build(scan);
    }

    private Finding Build(ServerScan s)
    {
        long requests = s.Requests;
        string sources = Sources(s);
        var agents = s.Agents.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).Take(MaxAgentsListed).ToList();
        var scannerAgents = agents.Where(a => ScanSignature.IsScannerAgent(a.Key)).Select(a => a.Key).ToList();
        // A scanner's accepted REGISTER means a guessed password: the summary, the explanation and the symptom say so.
        var registered = s.Accepted.FirstOrDefault(a => a.Method == "REGISTER");
        string answered = Answered(s, registered);
        var f = new Finding
        {
            Kind = FindingKind.SipScan,
            Severity = s.AnsweredPositively > 0 ? Severity.Warning : Severity.Info,
            Summary = $"SIP scan of {s.Server}: {N(requests)} {Methods(s, withCounts: false)} request{(requests == 1 ? "" : "s")} from {sources}"
                      + (ScanTally.IsEnumeration(requests, s.Sources.Count, s.Aors.Count) ? $" for {N(s.Aors.Count)} AORs ({Enumeration(s)})" : "")
                      + (scannerAgents.Count > 0 ? $" ({string.Join(", ", scannerAgents.Take(3))})" : "") + $"; {answered}{Guesses(s)}.",
            Server = s.Server,
            // The server's address and the scan's span, so its cause says who was scanned and when, as other causes do.
            ServerIp = Protocols.Frames.NetAddress.TryParse(Endpoint(s.Server).Ip, out var ip) ? ip : default,
            FirstNs = s.FirstFrameNs == long.MaxValue ? 0 : s.FirstFrameNs,
            LastNs = s.LastFrameNs == long.MinValue ? 0 : s.LastFrameNs,
            Transport = Transport.Udp,
            Count = (int)Math.Min(int.MaxValue, requests),
        };
        var text = new StringBuilder();
        text.Append($"{Span(s.LastFrameNs - s.FirstFrameNs)}{s.Server} was sent {N(requests)} request{(requests == 1 ? "" : "s")} ({Methods(s, withCounts: true)}) from {sources}");
        // A few /16s are named; past that the widest prefixes say where most of the scan came from.
        int networks = s.NetworkCount(wide: false);
        bool few = networks <= MaxNamedNetworks;
        text.Append($" in {N(networks)} /16 network{(networks == 1 ? "" : "s")} ({(few ? "" : "most in ")}")
            .Append(string.Join(", ", s.Networks(wide: !few, MaxNamedNetworks).Select(n => $"{n.Prefix} \u00d7{N(n.Requests)}"))).Append(')');
        text.Append($", for {(s.Aors.Saturated ? "at least " : "")}{N(s.Aors.Count)} AOR{(s.Aors.Count == 1 ? "" : "s")}");
        if (s.ScannerAgentRequests > 0)
            text.Append($"; {N(s.ScannerAgentRequests)} carried a scanner's User-Agent (")
                .Append(string.Join(", ", agents.Where(a => ScanSignature.IsScannerAgent(a.Key)).Select(a => $"{a.Key} \u00d7{N(a.Value)}"))).Append(')');
        text.Append($". The server {answered}{Guesses(s)}.");
        if (s.RefusedGuesses > 0)
            text.Append(" A scanner that answers challenges with credentials is trying passwords: keep those extensions' passwords strong.");
        if (RevealsExtensions(s))
            text.Append($" It challenged some ({Challenges(s)}) and answered others with 404 Not Found: to a scanner that tells which")
                .Append(" extensions exist. Answer unknown users with the same challenge as known ones, so the answers give nothing away.");
        if (Hop(s) is string hop) text.Append($" The sampled requests came in through {hop}.");
        text.Append(" This is scanning (SIPVicious and the like) for extensions and weak passwords: its clients are counted here, not reported one by one,")
            .Append(" and their unanswered or rejected requests raise no per-client finding, so they neither bury nor imitate a routing fault.");
        if (s.AnsweredPositively > 0)
        {
            text.Append($" {N(s.AnsweredPositively)} scanner request{(s.AnsweredPositively == 1 ? " was" : "s were")} accepted (2xx): ")
                .Append(string.Join("; ", s.Accepted.Select(Accepted)));
            if (s.AnsweredPositively > s.Accepted.Count) text.Append($"; {N(s.AnsweredPositively - s.Accepted.Count)} more");
            text.Append(registered is not null
                ? ". A scanner that registers has the extension's password: change it, and check the calls made through it."
                : ". Check what the scanner learnt or set up.");
        }
        text.Append(" Allow SIP only from known networks, or rate-limit it, and keep extension passwords strong.");
        f.Explanation = text.ToString();
        f.ClientSymptom = registered is not null
            ? "None on the phones themselves; but the scanner holds a working extension password: it can register in the phone's place and call out at the line's cost."
            : "None on the phones themselves; the PBX spends its work on the scan, and a weak extension password would be found.";
        foreach (var sample in s.Samples.Concat(s.Accepted)) f.Frames.AddRange(sample.Frames.Where(r => !f.Frames.Contains(r)));
        f.Frames.Sort();
        f.WiresharkFilter = Filter(s, scannerAgents);
        f.Evidence = Evidence(s, agents);
        return f;
    }

    private static string Sources(ServerScan s)
    {
        long n = s.Sources.Count;
        return $"{(s.Sources.Saturated ? "at least " : "")}{N(n)} source address{(n == 1 ? "" : "es")}";
    }

    /// <summary>"answered none of them", "rejected all of them (401 ×3, 404 ×2)", "accepted 2 of them (2xx), …".</summary>
    private static string Answered(ServerScan s, ScanSample? registered)
    {
        long answered = s.Statuses.Values.Sum();
        if (answered == 0) return "answered none of them";
        string statuses = string.Join(", ", s.Statuses.OrderByDescending(x => x.Value).ThenBy(x => x.Key).Take(6)
            .Select(x => $"{x.Key} \u00d7{N(x.Value)}"));
        if (s.AnsweredPositively > 0)
            return $"accepted {N(s.AnsweredPositively)} of them ({statuses}; {N(s.NoFinalResponse)} unanswered)"
                   + (registered is { Aor: { } aor } ? $": the scanner registered as {aor}" : "");
        // A 200 to OPTIONS is a server answering a ping, not the scan getting in: said so, not called accepted.
        if (s.OptionsAnswered > 0)
            return $"accepted none of them ({statuses}; {N(s.NoFinalResponse)} unanswered): its 2xx answered {N(s.OptionsAnswered)} OPTIONS, "
                   + "which only tells a scanner that a SIP server is there";
        return s.NoFinalResponse == 0 ? $"rejected all of them ({statuses})"
            : $"left {N(s.NoFinalResponse)} unanswered and rejected the rest ({statuses})";
    }

    // "REGISTER for sip:6001@pbx from 147.32.77.113:5060 (200, frames 45, 48)".
    private static string Accepted(ScanSample a) =>
        $"{a.Method}{(a.Aor is null ? "" : $" for {a.Aor}")} from {a.Client} ({a.FinalStatus}, frame{(a.Frames.Count == 1 ? "" : "s")} "
        + $"{string.Join(", ", a.Frames.Select(f => f.Frame))})";

    // Extension enumeration: a challenge means "this user exists, prove it", a 404 "no such user".
    private static bool RevealsExtensions(ServerScan s) =>
        s.Statuses.ContainsKey(404) && (s.Statuses.ContainsKey(401) || s.Statuses.ContainsKey(407));

    private static string Challenges(ServerScan s) => string.Join(", ",
        new[] { 401, 407 }.Where(s.Statuses.ContainsKey).Select(status => $"{status} \u00d7{N(s.Statuses[status])}"));

    // INVITEs to one number after another probe for calls out (toll fraud) as much as for extensions.
    private static string Enumeration(ServerScan s) =>
        s.Methods.Where(m => m.Key == "INVITE").Sum(m => m.Value) * 2 > s.Methods.Sum(m => m.Value)
            ? "calls to one number after another: probing for a way to call out, or for extensions"
            : "an extension enumeration";

    private static string Methods(ServerScan s, bool withCounts) => string.Join(withCounts ? ", " : "/",
        s.Methods.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Take(4)
            .Select(m => withCounts ? $"{m.Key} \u00d7{N(m.Value)}" : m.Key));

    private string? Hop(ServerScan s)
    {
        var first = s.Samples.FirstOrDefault();
        if (first is null || first.Request.SourceMac.IsNone) return null;
        var hop = evidence.Neighbors.NextHop(evidence.SegmentOf(first.Request), first.Request.SourceMac);
        bool shared = s.Samples.All(x => x.Request.SourceMac == first.Request.SourceMac);
        return shared ? hop.Describe() : $"several next hops, among them {hop.Describe()}";
    }

    private static string Filter(ServerScan s, List<string> scannerAgents)
    {
        var (ip, port) = Endpoint(s.Server);
        string field = ip.Contains(':') ? "ipv6.dst" : "ip.dst";
        var terms = scannerAgents.Select(a => $"sip.User-Agent == \"{a.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"").ToList();
        // Scan requests without a scanner agent: single requests of the scanned methods without credentials.
        if (s.Requests > s.ScannerAgentRequests)
            terms.Add("(!sip.User-Agent && !sip.Authorization && (sip.Method == \"REGISTER\" || sip.Method == \"OPTIONS\" || sip.Method == \"INVITE\"))");
        return $"{field} == {ip} && udp.dstport == {port} && ({string.Join(" || ", terms)})";
    }

    // "10.10.0.10:5060" → (10.10.0.10, 5060); "[2001:db8::1]:5060" → (2001:db8::1, 5060); SIP's port without one.
    private static (string Ip, string Port) Endpoint(string server) =>
        (EndpointText.HostOf(server).Trim('[', ']'), EndpointText.PortOf(server) is { Length: > 0 } port ? port : "5060");

    private static SipScanEvidence Evidence(ServerScan s, List<KeyValuePair<string, long>> agents) => new(
        s.Requests, s.ScannerAgentRequests, s.NoFinalResponse,
        s.Statuses.OrderBy(x => x.Key).ToList(),
        s.AnsweredPositively, s.Sources.Count, s.Sources.Saturated, s.Aors.Count,
        s.Methods.OrderBy(m => m.Key, StringComparer.Ordinal).ToList(),
        agents,
        s.NetworkCount(wide: false),
        s.Networks(wide: false, MaxNetworksListed),
        s.Networks(wide: true, MaxNetworksListed),
        s.Samples.ToList())
    {
        RegisteredAors = s.Accepted.Where(a => a.Method == "REGISTER" && a.Aor is not null).Select(a => a.Aor!).Distinct(StringComparer.Ordinal).ToList(),
        RefusedGuesses = s.RefusedGuesses,
        ShareOfSplitScan = s.ShareOfSplitScan,
        GuessedUsers = Guessed(s),
    };

    private static List<KeyValuePair<string, long>> Guessed(ServerScan s) =>
        s.GuessedUsers.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal).Take(MaxAgentsListed).ToList();

    // "; 500 were password guesses for user 100, refused" — the extension under attack, which the phones' owner must know.
    private static string Guesses(ServerScan s)
    {
        if (s.RefusedGuesses == 0) return "";
        var users = Guessed(s);
        string named = users.Count == 1 ? $"user {users[0].Key}"
            : $"users {string.Join(", ", users.Take(3).Select(u => u.Key))}{(s.GuessedUsers.Count > 3 ? " …" : "")}";
        return $"; {N(s.RefusedGuesses)} {(s.RefusedGuesses == 1 ? "was a password guess" : "were password guesses")} for {named}, refused";
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    // "Over 6.1 s, ", "Within 40 ms, ", or nothing for a scan of one instant (a single request).
    private static string Span(long ns) =>
        ns <= 0 ? "" : ns < 1_000_000_000 ? $"Within {Math.Max(1, ns / 1_000_000).ToString(CultureInfo.InvariantCulture)} ms, " : $"Over {Seconds(ns)} s, ";

    private static string Seconds(long ns) => (Math.Max(0, ns) / 1e9).ToString("0.#", CultureInfo.InvariantCulture);
}
