using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Calls that a program tries with guessed credentials, hoping for a way out to the phone network at the line's cost
/// (toll fraud): INVITEs of one client that answered the challenge and were refused (401, 403 or 407), at least
/// <see cref="PasswordGuessing.MinAttempts"/> calls of their own at most 2 s apart on average. A phone with a wrong
/// password places a call now and then; and a PBX or SBC whose trunk password is wrong answers requests itself, so a
/// client that the capture shows as a server is never one.
/// </summary>
internal static class TollFraud
{
    /// <summary>The INVITE paths with credentials (refused or accepted) of each client that makes toll-fraud attempts.</summary>
    public static Dictionary<string, List<TransactionPath>> Find(IReadOnlyList<TransactionPath> paths, Func<TransactionPath, bool> covered)
    {
        var byClient = new Dictionary<string, List<TransactionPath>>(StringComparer.Ordinal);
        var caller = new Dictionary<string, NetAddress>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var t = path.Transaction;
            if (t.Method != "INVITE" || t.Credentials is null || t.Requests.Count == 0 || !(Refused(t) || Accepted(t)) || covered(path)) continue;
            if (!byClient.TryGetValue(t.Client, out var list)) byClient[t.Client] = list = new List<TransactionPath>();
            list.Add(path);
            if (t.CallId is not null) caller.TryAdd(t.CallId, t.Requests[0].Meta.SourceIp);
        }
        if (byClient.Count == 0) return new Dictionary<string, List<TransactionPath>>(StringComparer.Ordinal);
        // Addresses that answer requests, other than those within their own calls (the BYE of a call a guess got through).
        var servers = new HashSet<NetAddress>();
        foreach (var path in paths)
        {
            var t = path.Transaction;
            if (t.Requests.Count == 0) continue;
            var to = t.Requests[0].Meta.DestinationIp;
            if (t.CallId is null || !caller.TryGetValue(t.CallId, out var own) || own != to) servers.Add(to);
        }
        var attempts = new Dictionary<string, List<TransactionPath>>(StringComparer.Ordinal);
        foreach (var (client, list) in byClient)
        {
            if (servers.Contains(list[0].Transaction.Requests[0].Meta.SourceIp)) continue; // infrastructure, not an attacker
            var (calls, span) = Attempts(list);
            if (PasswordGuessing.IsBurst(calls, span)) attempts[client] = list;
        }
        return attempts;
    }

    /// <summary>The refused calls (Call-IDs of their own) and their span.</summary>
    public static (int Calls, long SpanNs) Attempts(IReadOnlyList<TransactionPath> paths)
    {
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        long first = long.MaxValue, last = long.MinValue;
        foreach (var p in paths)
        {
            var t = p.Transaction;
            if (!Refused(t) || t.CallId is null) continue;
            callIds.Add(t.CallId);
            first = Math.Min(first, t.FirstRequestNs);
            last = Math.Max(last, t.LastMessageNs);
        }
        return (callIds.Count, callIds.Count == 0 ? 0 : Math.Max(0, last - first));
    }

    /// <summary>The number (user part) a Request-URI dials: "900972590000" of "sip:900972590000@10.10.0.10;user=phone".</summary>
    public static string? Dialled(string? requestUri)
    {
        if (requestUri is null) return null;
        var s = requestUri.AsSpan();
        int colon = s.IndexOf(':');
        if (colon >= 0) s = s[(colon + 1)..];
        int end = s.IndexOfAny('@', ';');
        if (end >= 0) s = s[..end];
        return s.IsEmpty ? null : s.ToString();
    }

    public static bool Refused(Sip.Transaction t) => t.FinalStatus is 401 or 403 or 407;

    public static bool Accepted(Sip.Transaction t) => t.FinalStatus is >= 200 and < 300;
}
