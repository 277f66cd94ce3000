namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// A stream with its last packet's time, read once for an eviction round; ordered by that time, then by
/// <see cref="Order"/> (the stream's place in the table), so that no two compare equal and the oldest set is one set.
/// </summary>
internal readonly record struct AgedStream(long EndNs, int Order, RtpStream Stream) : IComparable<AgedStream>
{
    public int CompareTo(AgedStream other)
    {
        int byTime = EndNs.CompareTo(other.EndNs);
        return byTime != 0 ? byTime : Order.CompareTo(other.Order);
    }
}
