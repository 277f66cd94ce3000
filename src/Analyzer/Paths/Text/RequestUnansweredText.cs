using System.Text;
using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a register-unanswered or invite-unanswered finding.</summary>
internal static class RequestUnansweredText
{
    // What no response means, by where the capture was taken: a guess about the server that a cause which knows more
    // (the request never reached it) takes back.
    private const string ServerSentNothing =
        " This capture sees the server's own traffic: the server sent no response at all, so it has no route back to the client (it cannot even send) or it ignores the request.";
    private const string ServerUnseen =
        " Where the server's uplink shows no response leaving, the server has no route back (or ignores the request); where it shows responses leaving, they are lost on the way.";

    /// <summary>The explanation without its guess about the server, for a request known never to have reached it.</summary>
    public static string WithoutServerGuess(string explanation) =>
        explanation.Replace(ServerSentNothing, "", StringComparison.Ordinal).Replace(ServerUnseen, "", StringComparison.Ordinal);

    /// <summary>The server's unanswered ARP requests for the client, from the first of the problem's requests that has them.</summary>
    public static NeighborLookups.Lookup? ClientLookup(PathProblem p) => Looked(p)?.ClientLookup;

    private static TransactionPath? Looked(PathProblem p) => p.Paths.Find(x => x.ClientLookup is not null);

    private static string ClientAddress(TransactionPath p) =>
        p.Transaction.Requests.Count > 0 ? p.Transaction.Requests[0].Meta.SourceIp.ToString() : p.Transaction.Client;

    public static FindingText Write(PathProblem p, PathFindingContext c, bool seesServer)
    {
        var key = p.KeyPath;
        var t = key.Transaction;
        string method = t.Method;
        // Timer F ends a REGISTER's transaction, timer B an INVITE's: both 64 × T1, 32 s.
        string timer = method == "INVITE" ? "timer B" : "timer F";
        var text = new StringBuilder();
        text.Append($"The {method} from {p.Client} came in from {key.RequestHop?.Describe() ?? "an unknown next hop"}")
            .Append(key.RequestVlan != 0 ? $" on VLAN {key.RequestVlan}" : "")
            .Append($"; the client sent it {Times(t.RequestCount, "time")} over {Seconds(LastRequestNs(t) - t.FirstRequestNs)} s and {c.ServerName(t)} sent nothing back")
            .Append(t.EndedByCaptureEnd ? " before the capture ended." : $" within {timer} (32 s).");
        // A client the server registered has a route back: its call going unanswered is the call's own doing.
        if (method != "REGISTER" && c.RegisteredEarlier(p.Client)?.FinalResponse is { Messages: [var ok, ..] })
            text.Append($" The server answered this client's REGISTER (frame {ok.Frame.Frame}), so the way back works: "
                        + (seesServer ? "it ignores or drops this request." : "this request is dropped on the way, or the server ignores it."));
        else if (Looked(p) is { ClientLookup: { } lookup } looked)
            text.Append($" Instead, {c.ServerName(t)} asked ARP for {ClientAddress(looked)} itself on this link {Times(lookup.Count, "time")} "
                        + $"(first in frame {lookup.Frames[0].Frame}), and nothing there answered: it takes the client for a neighbour on its own link "
                        + $"(a subnet mask too wide, or an on-link route) rather than sending to {looked.RequestHop?.Describe() ?? "the router"}, where the request came from. "
                        + "Its answer never left it.");
        else
            text.Append(seesServer ? ServerSentNothing : ServerUnseen);
        AppendOthers(text, p.Client, p.Paths, "went unanswered");
        return new FindingText(
            $"The {method} from {p.Client} to {t.Server} got no response at all.",
            text.ToString(),
            ClientSymptoms.LostResponses(p.Paths, c));
    }
}
