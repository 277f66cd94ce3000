namespace PcapSipAnalyzer.Synthesizer;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Written out here rather than using <see cref="Random"/> so that
/// the byte stream of a synthesized capture depends on the seed alone, never on a runtime version.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextULong()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    public uint NextUInt() => (uint)(NextULong() >> 32);

    /// <summary>A value in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)((NextULong() >> 32) * (ulong)maxExclusive >> 32);

    /// <summary>A value in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>A value in [min, maxExclusive), for nanosecond spans.</summary>
    public long NextLong(long min, long maxExclusive) => min + (long)(NextULong() % (ulong)(maxExclusive - min));

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>An exponentially distributed span with the given mean (Poisson arrivals).</summary>
    public long NextExponential(long mean) => (long)(-Math.Log(1.0 - NextDouble()) * mean);

    public void NextBytes(Span<byte> target)
    {
        for (int i = 0; i < target.Length; i++) target[i] = (byte)(NextULong() >> 56);
    }
}
