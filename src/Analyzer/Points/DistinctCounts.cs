using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// What an analysis saw, each thing counted once however many capture points saw it: a router's two legs and the PBX
/// uplink all see one phone's REGISTER, and the verdict that says how much the capture showed must not call it three.
/// A transaction or registration is one where the matching across points found its messages at several points;
/// a call is its Call-ID; an RTP stream is its SSRC and payload type at other points over the same time. What the
/// matching does not hold (transactions not kept in detail, only counted) stays counted at each point.
/// </summary>
public sealed class DistinctCounts
{
    // Two sightings of one stream at points whose clocks the matching did not align still overlap within this.
    private const long StreamOverlapSlackNs = 2_000_000_000;

    public long Transactions { get; private init; }
    public long Registrations { get; private init; }
    public long Registered { get; private init; }
    public long Calls { get; private init; }
    public long RtpStreams { get; private init; }
    /// <summary>
    /// False when several points counted transactions they did not keep (a flood): those cannot be matched across
    /// points, so the same one may be counted at each point that saw it.
    /// </summary>
    public bool Exact { get; private init; } = true;

    public static DistinctCounts Of(AnalysisResult result)
    {
        var correlation = result.Correlation;
        long transactions = Math.Max(result.Paths.Count, result.Points.Sum(p => p.Sip.Statistics.TransactionsByOutcome.Values.Sum()));
        long registrations = result.Points.Sum(p => Math.Max(p.Sip.Registrations.Count, p.Sip.Statistics.RegistrationsByOutcome.Values.Sum()));
        var retained = result.Points.SelectMany(p => p.Sip.Registrations).ToList();
        long registered;
        if (correlation is null || result.Points.Count < 2)
            registered = retained.Count(r => r.Outcome == RegistrationOutcome.Registered);
        else
        {
            // Each transaction seen at k points was counted k times.
            foreach (var seen in correlation.Transactions) transactions -= Math.Max(0, seen.Transactions.Count - 1);
            var sets = new DisjointSets<Registration>(retained);
            foreach (var seen in correlation.Transactions)
            {
                Registration? first = null;
                foreach (var t in seen.Transactions)
                {
                    if (t.Registration is not { } r || !sets.Contains(r)) continue;
                    if (first is null) first = r;
                    else sets.Union(first, r);
                }
            }
            registrations -= retained.Count - sets.Count;
            // A registration is registered when any point saw it bound (the others saw it on its way).
            registered = retained.Where(r => r.Outcome == RegistrationOutcome.Registered).Select(sets.Find).Distinct(ReferenceEqualityComparer.Instance).Count();
        }
        return new DistinctCounts
        {
            Transactions = Math.Max(0, transactions),
            Registrations = Math.Max(0, registrations),
            Registered = registered,
            Calls = result.Calls.Select(c => c.Session.CallId).Distinct(StringComparer.Ordinal).Count(),
            RtpStreams = StreamsOnce(result),
            Exact = result.Points.Count(p => p.Sip.Statistics.TransactionsByOutcome.Values.Sum() > p.Sip.Transactions.Count) < 2,
        };
    }

    // Streams of one SSRC and payload type at different points whose times overlap are one stream on its way. A group
    // larger than this is no stream seen at a few points (a device that numbers every stream alike, a flood): its
    // streams are counted as they are, so the matching never grows with the square of a capture.
    private const int MaxStreamsMatched = 256;

    private static long StreamsOnce(AnalysisResult result)
    {
        var streams = result.RtpStreams;
        if (result.Points.Count < 2 || streams.Count < 2) return streams.Count;
        var pointOf = new Dictionary<(int Capture, int Interface), CapturePoint>();
        foreach (var p in result.Points)
            foreach (int capture in p.Captures) pointOf.TryAdd((capture, p.InterfaceId), p);
        long count = 0;
        foreach (var group in streams.GroupBy(s => (s.Key.Ssrc, s.FirstPayloadType)))
        {
            int size = group.Count();
            if (size > MaxStreamsMatched)
            {
                count += size;
                continue;
            }
            // Each stream joins the first earlier one it overlaps whose sightings include none at its point.
            var onces = new List<(HashSet<int> Points, long Start, long End)>();
            foreach (var s in group.OrderBy(s => s.StartNs))
            {
                var point = pointOf.GetValueOrDefault((s.Key.Capture, s.Key.InterfaceId));
                int index = point?.Index ?? -1;
                long start = point is null || result.Correlation is null ? s.StartNs : result.Correlation.Align(point, s.StartNs);
                long end = start + (s.EndNs - s.StartNs);
                int joined = -1;
                for (int i = 0; i < onces.Count && joined < 0; i++)
                {
                    var o = onces[i];
                    if (index >= 0 && !o.Points.Contains(index) && start <= o.End + StreamOverlapSlackNs && o.Start <= end + StreamOverlapSlackNs)
                        joined = i;
                }
                if (joined < 0) onces.Add(([index], start, end));
                else
                {
                    var o = onces[joined];
                    o.Points.Add(index);
                    onces[joined] = (o.Points, Math.Min(o.Start, start), Math.Max(o.End, end));
                }
            }
            count += onces.Count;
        }
        return count;
    }
}
