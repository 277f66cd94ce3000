using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Paths.Text;

/// <summary>The words of a route-changed finding: when, between which frames, from which next hop to which, and what it broke.</summary>
internal static class RouteChangedText
{
    public static FindingText Write(TransactionPath before, long beforeNs, TransactionPath after, long afterNs, bool broke, int transactionsAfter)
    {
        var t = after.Transaction;
        var request = t.Requests[0].Meta;
        var lastBefore = before.FinalResponse!.Messages[0].Frame;
        var firstAfter = after.FinalResponse!.Messages[0].Frame;
        return new FindingText(
            $"The route from {request.DestinationIp} to {t.Client} changed at {Timestamps.Clock(afterNs)}: responses went via "
            + $"{before.ResponseHop!.Describe()}, then via {after.ResponseHop!.Describe()}.",
            $"The {before.FinalResponse.Status} to {before.Transaction.Method} CSeq {before.Transaction.CSeq} (frame {lastBefore.Frame}, "
            + $"{Timestamps.Clock(beforeNs)}) left toward {before.ResponseHop.Describe()}; the {after.FinalResponse.Status} to "
            + $"{t.Method} CSeq {t.CSeq} (frame {firstAfter.Frame}, {Timestamps.Clock(afterNs)}) left toward {after.ResponseHop.Describe()}"
            + (broke ? $", and that one never reached the client ({after.DeliveryEvidence}): the change broke a path that worked."
                     : before.Delivery == ResponseDelivery.Delivered && after.Delivery == ResponseDelivery.Delivered
                         ? ", and both arrived: the traffic failed over to another working path."
                         : ".")
            + (transactionsAfter > 1 ? $" {transactionsAfter} transactions followed the change." : ""),
            broke ? "The phone worked until the change, then its requests went unanswered: it drops its registration when the binding expires." : null);
    }
}
