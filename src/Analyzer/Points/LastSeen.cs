using System.Text;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// Where a lost message was last seen: for a finding about a response that never arrived, the last point the
/// response passed and the points on the request's way that never saw it; for an unanswered request, the last
/// point it reached. Sets <see cref="Finding.LastSeenAt"/> and says it in the explanation.
/// </summary>
internal static class LastSeen
{
    private static readonly HashSet<FindingKind> LostKinds =
    [
        FindingKind.ResponseWrongGateway, FindingKind.ResponseLost, FindingKind.ResponseWrongPort, FindingKind.ResponseWrongSource, FindingKind.RegisterUnanswered, FindingKind.InviteUnanswered, FindingKind.IcmpError,
    ];

    public static void Annotate(Finding f, IReadOnlyCollection<SeenTransaction> transactions, PointCorrelation correlation)
    {
        if (!LostKinds.Contains(f.Kind) || transactions.Count == 0 || correlation.Points.Count < 2) return;
        // ICMP errors about copies that a later copy made up for: nothing was lost in the end.
        if (f.Evidence is IcmpErrorEvidence { Recovered: true }) return;
        var key = transactions.FirstOrDefault(t => t.Primary.CallId == f.CallId && t.Primary.CSeq == f.CSeq)
                  ?? transactions.OrderBy(t => t.Messages[0].First.AlignedNs).First();
        var requestPoints = key.Messages.Where(m => m.Kind == MessageKind.Request)
            .SelectMany(m => m.Sightings).Select(s => s.Point).Distinct().Reverse().ToList(); // the way back: nearest the server first
        var response = key.Messages.Where(m => m.Kind == MessageKind.Response).OrderByDescending(m => m.Status >= 200)
            .ThenBy(m => m.First.AlignedNs).FirstOrDefault();
        var text = new StringBuilder(" Across the capture points: ");
        if (response is not null)
        {
            var last = response.Last;
            var missing = requestPoints.Where(p => !response.SeenAt(p.Index)).Select(p => p.Name).ToList();
            string what = $"the {response.Label}" + (response.First.Transaction.ResponsesWithStatus(response.Status)?.Reason is { Length: > 0 } r ? $" {r}" : "");
            text.Append($"{what} ({key.Primary.Method} CSeq {key.Primary.CSeq}) was last seen at {last.Point.Name} at {Timestamps.Clock(last.AlignedNs)} (frame {last.Message.Frame}), ")
                .Append($"on its way to {last.Message.Destination} via {last.Message.DestinationMac}");
            text.Append(missing.Count > 0
                ? $"; it never reached {Join(missing)}, where the {key.Primary.Method} had passed."
                : "; every capture point on the way saw it, so it was lost beyond them.");
            Set(f, last);
        }
        else
        {
            var request = key.Messages.LastOrDefault(m => m.Kind == MessageKind.Request);
            if (request is null) return;
            var last = request.Last;
            text.Append($"the {key.Primary.Method} (CSeq {key.Primary.CSeq}) was last seen at {last.Point.Name} at {Timestamps.Clock(last.AlignedNs)} (frame {last.Message.Frame}), ")
                .Append($"addressed to {last.Message.Destination}; no capture point saw any response to it.");
            Set(f, last);
        }
        f.Explanation += text.ToString();
    }

    private static void Set(Finding f, Sighting last)
    {
        f.LastSeenAt = last.Point.Name;
        f.Details["last_seen"] = new Dictionary<string, object?>
        {
            ["point"] = last.Point.Name,
            ["capture"] = last.Message.Frame.Capture,
            ["frame"] = last.Message.Frame.Frame,
            ["ts"] = Timestamps.Rfc3339(last.AlignedNs),
            ["toward_mac"] = last.Message.DestinationMac,
        };
    }

    private static string Join(List<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
}
