using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// A count held back for the key counted last must leave its dictionary as counting each key straight in would:
/// the same counts, the same order of keys, and under a cap the same keys refused, each refused count told.
/// </summary>
public class RecentCountTests
{
    [Fact]
    public void Runs_broken_and_resumed_give_the_straight_counts_in_first_seen_order()
    {
        ulong[] keys = [7, 7, 7, 3, 3, 7, 9, 9, 9, 9, 3, 7];
        var held = new Dictionary<ulong, long>();
        var straight = new Dictionary<ulong, long>();
        var recent = new RecentCount<ulong>();
        foreach (var key in keys)
        {
            recent.Add(held, key);
            straight[key] = straight.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(straight.ToList(), recent.Flushed(held).ToList());
        Assert.Equal([7UL, 3UL, 9UL], held.Keys);
        Assert.Equal(0, recent.Dropped);
    }

    [Fact]
    public void A_full_capped_dictionary_refuses_new_keys_and_tells_how_many_counts_it_refused()
    {
        // Cap 2: keys 1 and 2 are kept; the runs of 3 (four counts, in two runs) and 4 (one) are refused; 1 comes back.
        ulong[] keys = [1, 1, 2, 3, 3, 1, 3, 3, 4, 1];
        var held = new Dictionary<ulong, long>();
        var recent = new RecentCount<ulong>();
        foreach (var key in keys) recent.Add(held, key, maxKeys: 2);
        recent.Flush(held);

        Assert.Equal([new(1UL, 4L), new(2UL, 1L)], held.ToList());
        Assert.Equal(5, recent.Dropped);
    }
}
