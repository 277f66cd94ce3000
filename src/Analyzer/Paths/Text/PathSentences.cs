using System.Globalization;
using System.Text;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The sentences several path findings share, so a next hop, a status or a handshake reads the same in each.</summary>
internal static class PathSentences
{
    /// <summary>Distinct values at most in one list of a finding (reporters, reasons, methods).</summary>
    public const int MaxListed = 16;

    /// <summary>"The REGISTER from A came in from router X (mac); the registrar B sent its 401 Unauthorized to Y (mac)".</summary>
    public static string Path(TransactionPath p, PathFindingContext c)
    {
        var t = p.Transaction;
        string requestHop = p.RequestHop?.Describe() ?? "an unknown next hop";
        string responseHop = p.ResponseHop?.Describe() ?? "an unknown next hop";
        string requestVlan = p.RequestVlan != p.ResponseVlan || p.RequestVlan != 0 ? $" on VLAN {p.RequestVlan}" : "";
        string responseVlan = p.RequestVlan != p.ResponseVlan ? $" on VLAN {p.ResponseVlan}" : "";
        var s = new StringBuilder();
        if (p.Side == PathSide.Server)
        {
            s.Append($"The {t.Method} from {t.Client} came in from {requestHop}{requestVlan}; {c.ServerName(t)} sent its {Status(p)} to {responseHop}{responseVlan}");
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

    /// <summary>"The SYN from A to B came in from X (frame n); the server sent its SYN-ACK to Y (frame m)".</summary>
    public static string Handshake(TcpHandshake h, PathFindingContext c)
    {
        var syn = c.Hop(h.Segment, h.SynSourceMac);
        var synAck = c.Hop(h.Segment, h.SynAckDestinationMac);
        return $"The SYN from {h.Key.ClientEndpoint} to {h.Key.ServerEndpoint} came in from {syn.Describe()} (frame {h.FirstSyn.Frame}); "
               + $"the server sent its SYN-ACK to {synAck.Describe()} (frame {h.FirstSynAck.Frame})";
    }

    /// <summary>" In all, 3 transactions of A (REGISTER ×2, OPTIONS ×1) lost their responses this way."</summary>
    public static void AppendOthers(StringBuilder text, string client, List<TransactionPath> paths, string what)
    {
        if (paths.Count < 2) return;
        var methods = paths.GroupBy(x => x.Transaction.Method).Take(MaxListed).Select(g => $"{g.Key} \u00d7{g.Count()}");
        text.Append($" In all, {paths.Count} transactions of {client} ({string.Join(", ", methods)}) {what}.");
    }

    /// <summary>Where the server's route back and the client's way in differ, says which routing table to check.</summary>
    public static void AppendRouteHint(StringBuilder text, TransactionPath p)
    {
        if (p.Side != PathSide.Server || p.RequestHop is null || p.ResponseHop is null || p.Symmetric) return;
        string client = p.FinalResponse?.Messages[0].Meta.DestinationIp.ToString() ?? p.Transaction.Client;
        if (p.ResponseHop.SharedAddressWith(p.RequestHop) is { } shared)
            text.Append($" Both next hops claim {shared} (each announced it by ARP): the server's route names the right address, but two devices "
                        + $"answer for it and its ARP entry holds {p.ResponseHop.Mac}, which drops the replies — an address conflict, not a route.");
        else if (p.RequestHop.IsRouter)
            text.Append(RouteHint(client, p.ResponseHop, p.RequestHop));
    }

    public static string RouteHint(string client, NextHop back, NextHop way) =>
        $" The server's route back to {client} goes via {Name(back)}, while the client's traffic comes in via {Name(way)}: check the server's routing table (static routes, default gateway).";

    /// <summary>The sentence of a password check, or nothing when there is none.</summary>
    public static void AppendPassword(StringBuilder text, PasswordCheck? check)
    {
        if (check is null) return;
        var t = check.Transaction;
        text.Append(check.Verdict == DigestVerdict.PasswordRight
            ? $" The digest response of {t.Method} CSeq {t.CSeq} (frame {t.FirstFrame.Frame}) was computed with the right password for {t.Credentials!.Username}."
            : $" The digest response of {t.Method} CSeq {t.CSeq} (frame {t.FirstFrame.Frame}) was NOT computed with the known password for {t.Credentials!.Username}: the password is wrong too.");
    }

    /// <summary>"401 Unauthorized", else the first response's status, else "response".</summary>
    public static string Status(TransactionPath p) =>
        p.FinalResponse is { } g ? (g.Reason is { Length: > 0 } r ? $"{g.Status} {r}" : g.Status.ToString(CultureInfo.InvariantCulture))
        : p.Transaction.Responses.Count > 0 ? p.Transaction.Responses[0].Status.ToString(CultureInfo.InvariantCulture) : "response";

    /// <summary>How a response travels as the capture side sees it.</summary>
    public static string Via(TransactionPath p) => p.Side == PathSide.Server ? "toward" : "back through";

    /// <summary>A next hop by its address and MAC, or its MAC alone.</summary>
    public static string Name(NextHop hop) => hop.Addresses.Count > 0 ? $"{hop.Address} ({hop.Mac})" : hop.Mac.ToString();

    public static string Times(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";

    public static string Lower(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    public static string Upper(string s) => s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..] : s;

    public static string Seconds(long ns) => (ns / 1e9).ToString("0.#", CultureInfo.InvariantCulture);

    public static long LastRequestNs(Transaction t) => t.Requests.Count > 0 ? t.Requests[^1].TimestampNs : t.FirstRequestNs;
}
