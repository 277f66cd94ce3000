using System.Text;
using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a response-lost finding: responses, or a SYN-ACK, lost beyond the right next hop.</summary>
internal static class ResponseLostText
{
    /// <param name="nextHopRecorded">What <see cref="NextHopRecorded"/> says of <paramref name="p"/>.</param>
    /// <param name="lookups">When the capture did not record the reply's next hop: the gateways the server asked for.</param>
    public static FindingText Write(PathProblem p, PathFindingContext c, bool nextHopRecorded, GatewayLookups? lookups)
    {
        if (p.Paths.Count == 0) return Handshake(p, c, nextHopRecorded, lookups);
        var key = p.KeyPath;
        if (!nextHopRecorded) return NextHopNotRecorded(p, c, key, lookups);
        var text = new StringBuilder();
        text.Append(Path(key, c))
            .Append(key.Symmetric ? " — the same next hop — but " : " — the gateway the topology file names for it — but ")
            .Append(key.DeliveryEvidence)
            .Append($", so the {Status(key)} was lost beyond that next hop (a firewall, NAT or SIP ALG on the way, or the client's own network).");
        AppendOthers(text, p.Client, p.Paths, "lost their responses this way");
        AppendPassword(text, c.Password(p.Paths));
        return new FindingText(
            $"Responses to {p.Client} leave toward the right next hop ({key.ResponseHop?.Describe() ?? "unknown"}) but never reach it.",
            text.ToString(),
            ClientSymptoms.LostResponses(p.Paths, c));
    }

    // The capture keeps no destination MAC for the server's own packets: tcpdump -i any on the server writes a Linux
    // cooked capture, which records each packet's sender only. Where the replies went is not in it, and a route toward
    // another gateway and a loss beyond the right one look the same: said as such, never as "the right next hop".
    /// <summary>
    /// False when the capture keeps no destination MAC for the server's lost reply (or SYN-ACK): tcpdump -i any on the
    /// server writes a Linux cooked capture, which records each packet's sender only.
    /// </summary>
    internal static bool NextHopRecorded(PathProblem p, PathFindingContext c) => p.Paths.Count > 0
        ? p.KeyPath.ResponseHop is not null
        : c.RecordedHop(p.Handshakes[0].Segment, p.Handshakes[0].SynAckDestinationMac) is not null;

    private static FindingText NextHopNotRecorded(PathProblem p, PathFindingContext c, TransactionPath key, GatewayLookups? lookups)
    {
        var t = key.Transaction;
        string status = Status(key);
        var text = new StringBuilder();
        text.Append($"The {t.Method} from {t.Client} came in from {key.RequestHop?.Describe() ?? "an unknown next hop"}; {c.ServerName(t)} sent its {status}, but ")
            .Append(key.DeliveryEvidence)
            .Append($", so the {status} never reached the client. ").Append(NoDestinationMac);
        text.Append(Lookups(lookups));
        AppendOthers(text, p.Client, p.Paths, "lost their responses this way");
        AppendPassword(text, c.Password(p.Paths));
        return new FindingText(
            $"Responses to {p.Client} never reach it; this capture does not record which next hop they left through.",
            text.ToString(),
            ClientSymptoms.LostResponses(p.Paths, c));
    }

    private const string NoDestinationMac = "This capture records no destination MAC for the server's packets (a Linux cooked capture, tcpdump -i any, "
        + "keeps only each packet's sender): which next hop they left through is not in it, and a route on the server toward another gateway and a "
        + "loss beyond the right one look the same here.";

    // What the capture does show of the server's choice: the ARP requests it sent around its replies. A server that
    // looks up a gateway other than the router the requests come from is sending something there — its replies, when
    // that is the route it has for the clients.
    private static string Lookups(GatewayLookups? found)
    {
        if (found is null) return "";
        var server = found.Server;
        string asked = string.Join(", ", found.Gateways.Select(x => $"{x.Gateway} (frame{(x.Lookup.Frames.Count > 1 ? "s" : "")} {string.Join(", ", x.Lookup.Frames.Select(f => f.Frame))})"));
        string likely = found.Gateways.Count == 1 ? found.Gateways[0].Gateway.ToString() : "one of those";
        string text = $" Around its replies {server} asked {(server.IsV6 ? "neighbour discovery" : "ARP")} for {asked}";
        if (found.RequestRouter is not { } right) return text + $": its replies may have left through {likely}.";
        return found.AskedRequestRouter
            ? text + $", and for {right}, the router the requests come from."
            : text + $", never for {right}, the router the requests come from: its replies most likely left through {likely} — check its route to the clients.";
    }

    private static FindingText Handshake(PathProblem p, PathFindingContext c, bool nextHopRecorded, GatewayLookups? lookups)
    {
        var h = p.Handshakes[0];
        if (!nextHopRecorded || c.RecordedHop(h.Segment, h.SynAckDestinationMac) is not { } hop)
            return new FindingText(
                $"The TCP connection from {p.Client} to {h.Key.ServerEndpoint} never comes up; this capture does not record which next hop its SYN-ACK left through.",
                $"The SYN from {p.Client} came in from {c.RecordedHop(h.Segment, h.SynSourceMac)?.Describe() ?? "an unknown next hop"} and the server sent its SYN-ACK "
                + $"(frame {h.FirstSynAck.Frame}), but the client sent its SYN {Times(h.SynsAfterSynAck, "more time")} after that: the SYN-ACK never reached it. "
                + NoDestinationMac + Lookups(lookups),
                ClientSymptoms.ConnectionUnreachable);
        return new FindingText(
            $"The TCP connection from {p.Client} to {h.Key.ServerEndpoint} never comes up although its SYN-ACK leaves toward the next hop its SYN came from.",
            $"The SYN from {p.Client} came in from {hop.Describe()} and the SYN-ACK went back to it, but the client sent its SYN "
            + $"{Times(h.SynsAfterSynAck, "more time")} after that: the SYN-ACK was lost beyond that next hop.",
            ClientSymptoms.ConnectionUnreachable);
    }
}
