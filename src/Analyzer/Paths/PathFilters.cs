using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>The Wireshark display filters that select a path finding's evidence.</summary>
internal static class PathFilters
{
    /// <summary>The transactions by Call-ID and CSeq; past <paramref name="maxTerms"/> of them, by Call-ID alone.</summary>
    public static string Sip(List<TransactionPath> paths, int maxTerms)
    {
        var terms = paths.Select(p => (p.Transaction.CallId ?? "", p.Transaction.CSeq)).Distinct().ToList();
        if (terms.Count <= maxTerms)
            return string.Join(" || ", terms.Select(x => terms.Count == 1
                ? $"sip.Call-ID == \"{Escape(x.Item1)}\" && sip.CSeq.seq == {x.CSeq}"
                : $"(sip.Call-ID == \"{Escape(x.Item1)}\" && sip.CSeq.seq == {x.CSeq})"));
        return string.Join(" || ", terms.Select(x => x.Item1).Distinct().Take(maxTerms).Select(c => $"sip.Call-ID == \"{Escape(c)}\""));
    }

    public static string CallId(string callId) => $"sip.Call-ID == \"{Escape(callId)}\"";

    /// <summary>
    /// The registrations of one client by their Call-IDs; past <paramref name="maxTerms"/> of them, the client's REGISTERs
    /// (by its address, when known).
    /// </summary>
    public static string CallIds(IEnumerable<string> callIds, int maxTerms, NetAddress client)
    {
        var distinct = new List<string>();
        foreach (string id in callIds)
        {
            if (distinct.Contains(id, StringComparer.Ordinal)) continue;
            if (distinct.Count == maxTerms)
            {
                if (!client.IsNone) return Registers(client);
                break;
            }
            distinct.Add(id);
        }
        return string.Join(" || ", distinct.Select(CallId));
    }

    /// <summary>Every REGISTER to or from <paramref name="client"/>: a client's registrations under Call-IDs too many to list.</summary>
    public static string Registers(NetAddress client) => $"{AddressField(client)} == {client} && sip.CSeq.method == \"REGISTER\"";

    public static string Handshake(TcpHandshake c) =>
        $"tcp.flags.syn == 1 && {AddressField(c.Key.Client)} == {c.Key.Client} && tcp.port == {c.Key.ClientPort}";

    /// <summary>A client's connection attempts to one server endpoint and their resets, whatever source port each used.</summary>
    public static string Refused(TcpHandshake c)
    {
        string ip = c.Key.Client.IsV6 ? "ipv6" : "ip";
        return $"{ip}.src == {c.Key.Client} && tcp.dstport == {c.Key.ServerPort} && tcp.flags.syn == 1 || "
               + $"{ip}.dst == {c.Key.Client} && tcp.srcport == {c.Key.ServerPort} && tcp.flags.reset == 1";
    }

    public static string Icmp(IcmpError e) => e.IsV6
        ? $"icmpv6.type == {e.Type} && ipv6.src == {e.ReporterIp}"
        : $"icmp.type == {e.Type} && ip.src == {e.ReporterIp}";

    internal static string AddressField(NetAddress a) => a.IsV6 ? "ipv6.addr" : "ip.addr";

    internal static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
