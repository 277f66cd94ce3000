using System.Text;
using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a syn-ack-wrong-gateway finding.</summary>
internal static class SynAckWrongGatewayText
{
    public static FindingText Write(PathProblem p, PathFindingContext c)
    {
        var h = p.Handshakes[0];
        var synAckHop = c.Hop(h.Segment, h.SynAckDestinationMac);
        var text = new StringBuilder();
        text.Append(Handshake(h, c)).Append(", a different next hop; ");
        text.Append(h.SynsAfterSynAck > 0
            ? $"the client sent its SYN {Times(h.SynsAfterSynAck, "more time")} after the SYN-ACK left"
            : "the client never completed the handshake");
        if (h.SynAckRetransmissions > 0) text.Append($" and the server repeated its SYN-ACK {Times(h.SynAckRetransmissions, "time")}");
        text.Append(", so the SYN-ACK never reached it. Over TCP or TLS no SIP message is ever sent this way: the handshake is all a capture shows.");
        if (p.Handshakes.Count > 1) text.Append($" {p.Handshakes.Count} connection attempts from this client failed the same way.");
        var synHop = c.Hop(h.Segment, h.SynSourceMac);
        if (synHop.IsRouter && synHop.Address != synAckHop.Address && !synHop.Address.IsNone)
            text.Append(RouteHint(h.Key.Client.ToString(), synAckHop, synHop));
        return new FindingText(
            $"The TCP connection from {p.Client} to {h.Key.ServerEndpoint} never comes up: the SYN-ACK leaves toward {synAckHop.Describe()}, not the next hop the SYN came from.",
            text.ToString(),
            $"The phone cannot open its connection to the server: it shows the server as unreachable or the registration as failing (some softphones word it as {ClientSymptoms.AvayaMessage}), although no credentials were ever checked.");
    }
}
