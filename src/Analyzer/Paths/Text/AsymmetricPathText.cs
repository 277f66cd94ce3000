using System.Text;
using static PcapSipAnalyzer.Analyzer.Paths.Text.PathSentences;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of an asymmetric-path finding, about transactions or, without any, TCP handshakes.</summary>
internal static class AsymmetricPathText
{
    public static FindingText Write(PathProblem p, PathFindingContext c)
    {
        if (p.Paths.Count == 0) return Handshake(p, c);
        var key = p.KeyPath;
        var text = new StringBuilder();
        text.Append(Path(key, c)).Append("; ")
            .Append(key.Delivery == ResponseDelivery.Delivered ? key.DeliveryEvidence + ", so it arrived all the same" : key.DeliveryEvidence)
            .Append('.');
        AppendOthers(text, p.Client, p.Paths, "took the other next hop");
        if (p.Handshakes.Count > 0)
            text.Append($" The TCP handshake{(p.Handshakes.Count == 1 ? "" : "s")} took the same two paths: ").Append(Lower(PathSentences.Handshake(p.Handshakes[0], c))).Append('.');
        text.Append(" It works only while that next hop forwards the traffic on; a firewall, NAT or SIP ALG on either route sees half of each exchange.");
        AppendRouteHint(text, key);
        return new FindingText(
            $"Responses to {p.Client} take another next hop ({key.ResponseHop!.Describe()}) than its requests ({key.RequestHop?.Describe() ?? "unknown"}), but still arrive.",
            text.ToString(),
            "Nothing visible yet: the phone works, but its replies depend on a next hop that is not the one its requests come through.");
    }

    private static FindingText Handshake(PathProblem p, PathFindingContext c)
    {
        var h = p.Handshakes[0];
        return new FindingText(
            $"The TCP connection from {p.Client} to {h.Key.ServerEndpoint} comes up, but its SYN-ACK takes another next hop than its SYN.",
            PathSentences.Handshake(h, c) + ", a different next hop; the client completed the handshake all the same. "
            + "It works only while that next hop forwards the traffic on.",
            "Nothing visible yet: the connection works, but depends on a next hop that is not the one the client's packets come through.");
    }
}
