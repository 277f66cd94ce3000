namespace PcapSipAnalyzer.Analyzer.Packets;

/// <summary>
/// Distances between capture timestamps that never overflow: a damaged or hostile file can stamp one packet near
/// the year 1 and the next near the year 2262, and <c>Math.Abs(a - b)</c> of such a pair throws (or wraps to a
/// negative distance) where "very far apart" is the only right answer.
/// </summary>
internal static class TimeDistance
{
    /// <summary>|a − b|, or <see cref="long.MaxValue"/> when that does not fit a long.</summary>
    public static long Between(long a, long b)
    {
        long d = unchecked(a >= b ? a - b : b - a);
        return d < 0 ? long.MaxValue : d;
    }

    /// <summary>|x|, with <see cref="long.MinValue"/> taken as <see cref="long.MaxValue"/>.</summary>
    public static long Abs(long x) => x == long.MinValue ? long.MaxValue : Math.Abs(x);
}
