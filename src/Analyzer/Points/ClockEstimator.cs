using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// Estimates each capture host's clock offset from messages seen unchanged at two clocks. Per pair of hosts
/// that exchanged them, the medians of the two directions are averaged (as NTP does) so the transit delay
/// cancels; with one direction only, its median is the offset (transit delay included).
/// </summary>
internal sealed class ClockEstimator
{
    private const long MinimumAppliedNs = 1_000_000;

    private readonly List<string> _clocks;
    // (clock a, clock b) with a before b in _clocks → samples of (time at b − time at a), split by direction.
    private readonly Dictionary<(int, int), PairSamples> _pairs = new();

    public ClockEstimator(List<string> clocks) => _clocks = clocks;

    /// <summary>One message seen unchanged at two points on different clocks.</summary>
    public void Add(Sighting a, Sighting b)
    {
        int ca = _clocks.IndexOf(a.Point.Clock), cb = _clocks.IndexOf(b.Point.Clock);
        if (ca == cb) return;
        if (ca > cb) (a, b, ca, cb) = (b, a, cb, ca);
        if (!_pairs.TryGetValue((ca, cb), out var pair)) _pairs[(ca, cb)] = pair = new PairSamples();
        var meta = a.Message.Meta;
        // Direction per pair of hosts: the same two addresses in the same order travel the same way.
        var (low, high) = Compare(meta.SourceIp, meta.DestinationIp) <= 0 ? (meta.SourceIp, meta.DestinationIp) : (meta.DestinationIp, meta.SourceIp);
        bool forward = low == meta.SourceIp;
        if (!pair.ByHosts.TryGetValue((low, high), out var dirs)) pair.ByHosts[(low, high)] = dirs = (new List<long>(), new List<long>());
        long delta = b.Message.TimestampNs - a.Message.TimestampNs;
        (forward ? dirs.Forward : dirs.Backward).Add(delta);
        pair.All.Add(delta);
    }

    /// <summary>Offsets of every clock against the first, linking clocks through the pairs with most samples.</summary>
    public List<ClockOffset> Estimate()
    {
        var result = new ClockOffset?[_clocks.Count];
        if (_clocks.Count == 0) return [];
        result[0] = new ClockOffset { Clock = _clocks[0], Reference = _clocks[0], Method = "reference" };
        var queue = new Queue<int>();
        queue.Enqueue(0);
        while (queue.Count > 0)
        {
            int from = queue.Dequeue();
            foreach (var ((a, b), pair) in _pairs.OrderByDescending(p => p.Value.All.Count))
            {
                int to = a == from ? b : b == from ? a : -1;
                if (to < 0 || result[to] is not null) continue;
                var (offset, method) = pair.Offset();
                long total = result[from]!.OffsetNs + (to == b ? offset : -offset);
                long sign = to == b ? 1 : -1; // samples are (b − a)
                var sorted = pair.All.Select(x => x * sign).Order().ToList();
                long median = Median(sorted);
                long spread = Median(sorted.Select(x => TimeDistance.Between(x, median)).Order().ToList());
                result[to] = new ClockOffset
                {
                    Clock = _clocks[to],
                    Reference = _clocks[0],
                    MeasuredAgainst = _clocks[from],
                    OffsetNs = total,
                    SpreadNs = spread,
                    Samples = sorted.Count,
                    MinNs = sorted[0],
                    MaxNs = sorted[^1],
                    Method = method,
                    Applied = TimeDistance.Abs(total) >= MinimumAppliedNs && spread <= long.MaxValue / 3 && TimeDistance.Abs(total) > 3 * spread,
                };
                queue.Enqueue(to);
            }
        }
        for (int i = 0; i < result.Length; i++)
            result[i] ??= new ClockOffset { Clock = _clocks[i], Reference = _clocks[0], Method = "none" };
        return result.ToList()!;
    }

    internal static long Median(List<long> sorted) =>
        sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static int Compare(NetAddress x, NetAddress y) => x.High != y.High ? x.High.CompareTo(y.High) : x.Low.CompareTo(y.Low);

    private sealed class PairSamples
    {
        public readonly List<long> All = new();
        public readonly Dictionary<(NetAddress, NetAddress), (List<long> Forward, List<long> Backward)> ByHosts = new();

        /// <summary>The offset (b − a): two-way where some pair of hosts talked both ways, else one-way.</summary>
        public (long Offset, string Method) Offset()
        {
            var twoWay = new List<long>();
            foreach (var (forward, backward) in ByHosts.Values)
                if (forward.Count > 0 && backward.Count > 0)
                    twoWay.Add((Median(forward.Order().ToList()) + Median(backward.Order().ToList())) / 2);
            if (twoWay.Count > 0) return (Median(twoWay.Order().ToList()), "two-way");
            return (Median(All.Order().ToList()), "one-way");
        }
    }
}
