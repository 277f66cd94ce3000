using PcapSipAnalyzer.Analyzer.Scans;

namespace PcapSipAnalyzer.Analyzer.Tests.Scans;

public class DistinctCounterTests
{
    [Fact]
    public void Counts_distinct_ipv4_sources_exactly_below_its_capacity()
    {
        var counter = new DistinctCounter(1_000_000);
        for (uint i = 0; i < 300_000; i++)
        {
            uint address = 0x0A00_0000u + i * 7; // 10.x.y.z, spread out
            counter.Add(DistinctCounter.Value(0, address, false));
            counter.Add(DistinctCounter.Value(0, address, false)); // every source twice
        }
        counter.Add(0);

        Assert.Equal(300_001, counter.Count);
        Assert.False(counter.Saturated);
    }

    [Fact]
    public void Counts_distinct_aors_up_to_the_collisions_of_a_32_bit_hash()
    {
        var counter = new DistinctCounter(1_000_000);
        for (int i = 0; i < 200_000; i++)
        {
            counter.Add(DistinctCounter.Value($"sip:{i}@pbx.example.com"));
            counter.Add(DistinctCounter.Value(new string($"sip:{i}@pbx.example.com".AsSpan()))); // another string, same text
        }

        // 200 000 values in 2^32: about n²/2^33 ≈ 4.7 pairs share one; forty would mean the hash clusters.
        Assert.InRange(counter.Count, 200_000 - 40, 200_000);
        Assert.NotEqual(DistinctCounter.Value("sip:1@a"), DistinctCounter.Value("sip:1@b"));
    }

    [Fact]
    public void Crafted_sources_do_not_pile_into_one_run()
    {
        // i × φ⁻¹ (mod 2³²): under a fixed Fibonacci hash (value × φ >> shift) these 100 000 addresses all land in
        // the first few slots, and linear probing then walks the whole run for each insertion (~5·10⁹ steps).
        const uint Phi = 2654435769u;
        uint inverse = Phi;
        for (int step = 0; step < 5; step++) inverse *= 2 - Phi * inverse;
        Assert.Equal(1u, Phi * inverse);

        var counter = new DistinctCounter(1_000_000);
        for (uint i = 1; i <= 100_000; i++) counter.Add(i * inverse);

        Assert.Equal(100_000, counter.Count);
        Assert.InRange(counter.ExtraProbes, 0, 2 * 100_000);
    }

    [Fact]
    public void Past_its_capacity_it_says_at_least()
    {
        var counter = new DistinctCounter(1_000);
        for (uint i = 1; i <= 5_000; i++) counter.Add(i);

        Assert.Equal(1_000, counter.Count);
        Assert.True(counter.Saturated);
    }

    [Fact]
    public void Ipv6_sources_and_aors_are_told_apart_by_their_hash()
    {
        var counter = new DistinctCounter(100_000);
        for (ulong i = 0; i < 10_000; i++) counter.Add(DistinctCounter.Value(0x2001_0db8_0000_0000UL, i, true));
        for (int i = 0; i < 10_000; i++) counter.Add(DistinctCounter.Value($"sip:{i}@pbx.example"));

        // 20 000 values of 32 bits, the AORs' keyed per process: two of them share a value in about one run in twenty
        // (the birthday bound, 20 000² / 2³³), so an exact count fails now and then by design. A hash that folds
        // sources or AORs together loses thousands.
        Assert.InRange(counter.Count, 19_990, 20_000);
    }
}
