using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>The sip_points table: one row per transaction, registration and call and per point that saw it.</summary>
internal static class SipPointRows
{
    public static IEnumerable<SipPointRow> Of(AnalysisResult result)
    {
        // Item ids are the row numbers of the item tables (SipTableRows numbers them in the same order).
        long id = 0;
        foreach (var m in MergedTransaction.All(result))
        {
            id++;
            foreach (var p in m.Points) yield return Row(result, "transaction", id, m.Lead.CallId, p);
        }
        id = 0;
        foreach (var m in MergedRegistration.All(result))
        {
            id++;
            foreach (var p in m.Points) yield return Row(result, "registration", id, m.Lead.CallId, p);
        }
        id = 0;
        foreach (var m in MergedDialog.All(result))
        {
            id++;
            foreach (var p in m.Points) yield return Row(result, "dialog", id, m.Lead.CallId, p);
        }
    }

    private static SipPointRow Row(AnalysisResult result, string kind, long itemId, string? callId, PointFacts p) => new()
    {
        ItemKind = kind,
        ItemId = itemId,
        Point = p.Point,
        IdAtPoint = p.Id,
        CaptureFile = ReportTables.FileOf(result, p.FirstFrame),
        FrameNumber = p.FirstFrame.Frame,
        CallId = callId,
        Seen = p.Seen,
        RequestSeen = p.RequestSeen,
        Requests = p.Requests,
        FinalStatus = p.FinalStatus,
        Outcome = p.Outcome,
        RequestFromMac = p.RequestFrom,
        ResponseToMac = p.ResponseTo,
        Delivered = p.Delivered,
        DeliveryEvidence = p.DeliveryEvidence,
    };
}
