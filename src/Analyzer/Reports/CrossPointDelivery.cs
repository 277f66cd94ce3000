using PcapSipAnalyzer.Analyzer.Points;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Whether a final response reached the client, from where the capture points saw it: seen at the point
/// nearest the client (where the request was first seen) it got that far; seen elsewhere but never there, it
/// was lost between. Needs the request at two points at least, so one point alone never proves anything here.
/// </summary>
internal static class CrossPointDelivery
{
    public static DeliveryProof? Of(SeenTransaction? seen)
    {
        if (seen is null || seen.Transactions.Count < 2) return null;
        var request = seen.Messages.Find(static m => m.Kind == MessageKind.Request);
        if (request is null || request.First.Point.Index == request.Last.Point.Index) return null;
        var final = seen.Messages.Find(static m => m.Kind == MessageKind.Response && m.Status >= 200);
        if (final is null) return null;
        var nearest = request.First.Point;
        foreach (var m in seen.Messages)
        {
            if (m.Kind != MessageKind.Response || m.Status != final.Status) continue;
            var there = m.Sightings.Find(s => s.Point.Index == nearest.Index);
            if (there is not null)
                return new DeliveryProof("yes", nearest.Name,
                    $"the {final.Status} reached {nearest.Name}, the capture point nearest the client, on its way to {there.Message.Destination}");
        }
        var last = final.Last;
        return new DeliveryProof("no", last.Point.Name,
            $"the {final.Status} left {last.Point.Name} toward {last.Message.DestinationMac} and never reached {nearest.Name}, where the {seen.Primary.Method} had passed");
    }

    /// <summary>
    /// The cross-point proof where the points' own evidence is weaker: nothing either way, or a client that merely
    /// fell silent (over UDP a scanner or a phone that gave up also falls silent) while the response never reached it.
    /// </summary>
    public static DeliveryProof Choose(DeliveryProof own, IReadOnlyList<PointFacts> points, DeliveryProof? cross)
    {
        if (cross is null) return own;
        if (own.Delivered == "unknown") return cross;
        bool fromSilence = own.Delivered == "yes" && points.Any(p => p.Point == own.Point && p.YesFromSilence);
        return fromSilence && cross.Delivered == "no" ? cross : own;
    }
}
