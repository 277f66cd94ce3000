using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a connection-unanswered finding: SYNs the server could not answer, having looked for the client on its own link.</summary>
internal static class ConnectionUnansweredText
{
    public static FindingText Write(PathProblem p, PathFindingContext c)
    {
        var h = p.Handshakes[0];
        var hop = c.Hop(h.Segment, h.SynSourceMac);
        var lookup = p.ClientLookup!;
        int syns = p.Handshakes.Sum(x => x.SynCount);
        return new FindingText(
            $"The TCP connection from {p.Client} to {h.Key.ServerEndpoint} never comes up: the server sends no SYN-ACK.",
            $"The SYN from {p.Client} came in from {hop.Describe()} (frame {h.FirstSyn.Frame}; {Times(syns, "SYN")} in all) and the server "
            + $"sent no SYN-ACK: instead it asked ARP for {h.Key.Client} itself on this link {Times(lookup.Count, "time")} (first in frame "
            + $"{lookup.Frames[0].Frame}), and nothing there answered. It takes the client for a neighbour on its own link (a subnet mask too "
            + "wide, or an on-link route) rather than sending to the router the SYN came through: its SYN-ACK never left it, and no SIP message could be sent.",
            ClientSymptoms.ConnectionUnreachable);
    }
}
