using PcapSipAnalyzer.Analyzer.Scans;

namespace PcapSipAnalyzer.Analyzer.Tests.Scans;

public class DistinctCounterTests
{
    [Fact]
    public void Counts_distinct_values_exactly_below_its_capacity()
    {
        var counter = new DistinctCounter(1_000_000);
        for (uint i = 0; i < 100_000; i++)
        {
            counter.Add(DistinctCounter.Hash(0, i, false));
            counter.Add(DistinctCounter.Hash(0, i, false)); // every value twice
        }
        counter.Add(0);
        counter.Add(0);

        Assert.Equal(100_001, counter.Count);
        Assert.False(counter.Saturated);
    }

    [Fact]
    public void Past_its_capacity_it_says_at_least()
    {
        var counter = new DistinctCounter(1_000);
        for (uint i = 0; i < 5_000; i++) counter.Add(DistinctCounter.Hash(0, i, false));

        Assert.Equal(1_000, counter.Count);
        Assert.True(counter.Saturated);
    }

    [Fact]
    public void Ipv4_and_ipv6_addresses_with_the_same_bits_are_different_sources()
    {
        Assert.NotEqual(DistinctCounter.Hash(0, 1, false), DistinctCounter.Hash(0, 1, true));
    }
}
