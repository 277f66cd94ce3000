using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths.Text;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Sees a route change: the responses of one server to one client leave toward one next hop and, later in the
/// capture, toward another (a static route edited, a failover, a routing protocol). One finding per server and
/// client, at the first change, naming the time, the last frame before and the first after, and both hops.
/// Whether it broke anything is told by the findings of the transactions after it; the causes join them.
/// </summary>
internal static class RouteChangeDetector
{
    public static List<Finding> Find(IReadOnlyList<TransactionPath> paths)
    {
        var byPair = new Dictionary<(NetAddress Server, NetAddress Client), List<(long Ns, TransactionPath Path)>>();
        foreach (var p in paths)
        {
            if (p.Side != PathSide.Server || p.ResponseHop is null || p.ResponseHop.Mac.IsNone || p.FinalResponse is not { } final
                || final.Messages.Count == 0 || p.Transaction.Requests.Count == 0) continue;
            var request = p.Transaction.Requests[0].Meta;
            var response = final.Messages[0].Meta;
            // Only a response the server itself sent back to the client says where the server routes it; a proxy's
            // copy of a downstream answer arriving at the server does not.
            if (response.SourceIp != request.DestinationIp || response.DestinationIp != request.SourceIp) continue;
            var key = (request.DestinationIp, request.SourceIp);
            if (!byPair.TryGetValue(key, out var list)) byPair[key] = list = new();
            list.Add((final.Messages[0].TimestampNs, p));
        }
        var findings = new List<Finding>();
        foreach (var list in byPair.Values)
        {
            if (list.Count < 2) continue;
            list.Sort((a, b) => a.Ns.CompareTo(b.Ns));
            for (int i = 1; i < list.Count; i++)
            {
                var before = list[i - 1].Path;
                var after = list[i].Path;
                if (before.ResponseHop!.Mac == after.ResponseHop!.Mac) continue;
                findings.Add(Build(before, list[i - 1].Ns, after, list[i].Ns, list.Count - i));
                break;
            }
        }
        return findings;
    }

    private static Finding Build(TransactionPath before, long beforeNs, TransactionPath after, long afterNs, int transactionsAfter)
    {
        var t = after.Transaction;
        var request = t.Requests[0].Meta;
        var lastBefore = before.FinalResponse!.Messages[0].Frame;
        var firstAfter = after.FinalResponse!.Messages[0].Frame;
        bool broke = after.Delivery == ResponseDelivery.NotDelivered && before.Delivery != ResponseDelivery.NotDelivered;
        var text = RouteChangedText.Write(before, beforeNs, after, afterNs, broke, transactionsAfter);
        var f = new Finding
        {
            Kind = FindingKind.RouteChanged,
            Severity = FindingClassifier.SeverityOf(FindingKind.RouteChanged),
            Client = t.Client,
            Server = t.Server,
            Transport = t.Transport,
            CallId = t.CallId,
            CSeq = t.CSeq,
            Summary = text.Summary,
            Explanation = text.Explanation,
            ClientSymptom = text.ClientSymptom,
            Evidence = new RouteChangedEvidence(afterNs, lastBefore.Frame, firstAfter.Frame, broke),
            RequestHop = after.RequestHop,
            ResponseHop = after.ResponseHop,
            PreviousHop = before.ResponseHop,
            ClientIp = request.SourceIp,
            ServerIp = request.DestinationIp,
            FirstNs = afterNs,
            LastNs = afterNs,
            WiresharkFilter = $"{(request.SourceIp.IsV6 ? "ipv6" : "ip")}.dst == {request.SourceIp} && {(request.SourceIp.IsV6 ? "ipv6" : "ip")}.src == {request.DestinationIp} && sip.Status-Code",
        };
        f.Frames.Add(lastBefore);
        f.Frames.Add(firstAfter);
        f.Frames.Sort();
        return f;
    }
}
