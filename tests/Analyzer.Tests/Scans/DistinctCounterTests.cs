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

        Assert.Equal(20_000, counter.Count);
    }
}
