using System.Text;
using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a response-lost finding: responses, or a SYN-ACK, lost beyond the right next hop.</summary>
internal static class ResponseLostText
{
    public static FindingText Write(PathProblem p, PathFindingContext c)
    {
        if (p.Paths.Count == 0) return Handshake(p, c);
        var key = p.KeyPath;
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

    private static FindingText Handshake(PathProblem p, PathFindingContext c)
    {
        var h = p.Handshakes[0];
        var hop = c.Hop(h.Segment, h.SynAckDestinationMac);
        return new FindingText(
            $"The TCP connection from {p.Client} to {h.Key.ServerEndpoint} never comes up although its SYN-ACK leaves toward the next hop its SYN came from.",
            $"The SYN from {p.Client} came in from {hop.Describe()} and the SYN-ACK went back to it, but the client sent its SYN "
            + $"{Times(h.SynsAfterSynAck, "more time")} after that: the SYN-ACK was lost beyond that next hop.",
            ClientSymptoms.ConnectionUnreachable);
    }
}
