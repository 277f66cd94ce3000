using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reassembly;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// The ladder of a SIP message that never arrived whole (<c>sip-fragments-lost</c>): the sender, the capture points
/// in the order the message passed them, the receiver. The whole message runs from the sender to the last point that
/// saw it whole and ends in a cross; its first fragment alone runs on to the receiver; the receiver's ICMP
/// "fragment reassembly time exceeded" comes back. No SIP engine saw the message where it was lost, so the
/// transaction ladders cannot show this.
/// </summary>
internal static class LadderFragments
{
    public static Ladder? Build(AnalysisResult result, Finding f, Func<string, string, LadderStop> hostStop)
    {
        if (f.Evidence is not FragmentLossEvidence e || f.Client is null || f.Server is null) return null;
        var copies = result.Points
            .SelectMany(p => p.FragmentedSip.Lost.Concat(p.FragmentedSip.Delivered).Select(m => (Point: p, Message: m)))
            .Where(x => x.Message.Head.StartLine == e.Message && x.Message.Head.CallId == f.CallId && (f.CSeq is null || x.Message.Head.CSeq == f.CSeq))
            .ToList();
        if (copies.Count == 0) return null;
        var sample = copies[0].Message;
        bool request = sample.Head.IsRequest;
        // Client on the left, server on the right; a response travels right to left, so its points are reversed.
        var order = e.WholeAt.Concat(e.PartialAt).ToList();
        if (!request) order.Reverse();
        var stops = new List<LadderStop> { hostStop(f.Client, "client") };
        foreach (var name in order)
            if (result.Points.FirstOrDefault(p => p.Name == name) is { } point)
                stops.Add(new LadderStop { Name = point.Name, Detail = "capture point", IsPoint = true, PointIndex = point.Index });
        stops.Add(hostStop(f.Server, "server"));
        int sender = request ? 0 : stops.Count - 1, receiver = request ? stops.Count - 1 : 0, step = request ? 1 : -1;

        var arrows = new List<LadderArrow>();
        // Only the points the finding places (one that saw some copies whole and some in part is left out).
        var whole = copies.Where(x => x.Message.Complete && Lane(stops, x.Point) >= 0).ToList();
        var partial = copies.Where(x => !x.Message.Complete && Lane(stops, x.Point) >= 0).ToList();
        string what = request ? sample.Head.Method! : sample.Head.StartLine;
        string size = e.MessageBytes is { } bytes ? $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes" : "";
        if (whole.Count > 0)
        {
            // The whole message, as far as it went: lost between the last point that saw it whole and the next.
            var lanes = whole.Select(x => Lane(stops, x.Point)).Distinct().Order().ToList();
            int furthest = request ? lanes.Max() : lanes.Min();
            arrows.Add(Arrow(request ? "request" : "response", $"{what} ({(size.Length > 0 ? size + ", " : "")}{Fragments(whole)} fragments)",
                $"whole · dropped past {stops[furthest].Name}", whole, lanes, sender, furthest + step * 0.5, lost: true));
        }
        if (partial.Count > 0)
        {
            var lanes = partial.Select(x => Lane(stops, x.Point)).Distinct().Order().ToList();
            string of = e.MessageBytes is { } total ? $" of {total.ToString("N0", CultureInfo.InvariantCulture)}" : "";
            arrows.Add(Arrow(request ? "request" : "response", $"{what}: first fragment only",
                $"{e.FirstFragmentBytes.ToString("N0", CultureInfo.InvariantCulture)}{of} bytes · the rest never came", partial, lanes, sender, receiver, lost: false));
        }
        if (e.ReassemblyTimeouts.Count > 0)
        {
            // The receiver's own word, back toward the sender: it waited for the rest in vain.
            var errors = e.ReassemblyTimeouts.OrderBy(x => x.TimestampNs).ToList();
            var lanes = errors.Select(x => result.Points.FirstOrDefault(p => p.InterfaceId == x.Segment.InterfaceId && p.Captures.Contains(x.Segment.Capture)))
                .OfType<CapturePoint>().Select(p => Lane(stops, p)).Where(l => l >= 0).Distinct().Order().ToList();
            var firstError = errors[0];
            var frames = errors.Select(x => x.Frame.ToString()).ToList();
            arrows.Add(new LadderArrow
            {
                Kind = "icmp",
                Label = "ICMP fragment reassembly time exceeded",
                Detail = $"from {firstError.ReporterIp} · {Timestamps.Clock(firstError.TimestampNs)} · frame {firstError.Frame}",
                Copies = Paths.IcmpError.TimesSent(errors),
                TimeNs = firstError.TimestampNs,
                From = receiver,
                To = sender,
                SeenAt = lanes,
                Frames = frames.Take(Ladder.MaxFramesPerArrow).ToList(),
                FramesNotListed = Math.Max(0, frames.Count - Ladder.MaxFramesPerArrow),
            });
        }
        arrows.Sort(static (a, b) => a.TimeNs.CompareTo(b.TimeNs));
        string title = $"{what} {f.Client} → {f.Server}" + (f.CallId is { } id ? $" — Call-ID {id}" : "") + " — never arrived whole";
        return new Ladder { Title = title, Stops = stops, Arrows = arrows };
    }

    private static LadderArrow Arrow(string kind, string label, string detail, List<(CapturePoint Point, FragmentedSipMessage Message)> seen,
        List<int> lanes, int from, double to, bool lost)
    {
        var first = seen.OrderBy(x => x.Message.FirstNs).First();
        var frames = seen.SelectMany(x => x.Message.Frames).Distinct().Order().Select(x => x.ToString()).ToList();
        int copies = seen.GroupBy(x => x.Point).Max(g => g.Sum(x => x.Message.Copies));
        return new LadderArrow
        {
            Kind = kind,
            Label = label,
            Detail = $"{detail} · {Timestamps.Clock(first.Message.FirstNs)} · frame {first.Message.Frames[0]}",
            Copies = copies,
            TimeNs = first.Message.FirstNs,
            From = from,
            To = to,
            Lost = lost,
            SeenAt = lanes,
            Frames = frames.Take(Ladder.MaxFramesPerArrow).ToList(),
            FramesNotListed = Math.Max(0, frames.Count - Ladder.MaxFramesPerArrow),
        };
    }

    // IP fragments of one copy of the message where it arrived whole (the most any copy had).
    private static int Fragments(List<(CapturePoint Point, FragmentedSipMessage Message)> whole) => whole.Max(x => x.Message.FragmentsSeen);

    private static int Lane(List<LadderStop> stops, CapturePoint point) => stops.FindIndex(s => s.IsPoint && s.PointIndex == point.Index);
}
