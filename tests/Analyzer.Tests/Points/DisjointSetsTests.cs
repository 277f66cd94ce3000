using PcapSipAnalyzer.Analyzer.Points;

namespace PcapSipAnalyzer.Analyzer.Tests.Points;

public class DisjointSetsTests
{
    private sealed class Thing(string name)
    {
        public override string ToString() => name;
        // Equal by value, so a set that compared by value would join what it must keep apart.
        public override bool Equals(object? obj) => obj is Thing;
        public override int GetHashCode() => 1;
    }

    [Fact]
    public void Unions_join_groups_and_each_group_is_counted_once()
    {
        var things = Enumerable.Range(0, 6).Select(i => new Thing("t" + i)).ToList();
        var sets = new DisjointSets<Thing>(things);
        Assert.Equal(6, sets.Count);

        sets.Union(things[0], things[1]);
        sets.Union(things[2], things[3]);
        sets.Union(things[1], things[3]);
        sets.Union(things[3], things[0]); // already one group

        Assert.Equal(3, sets.Count);
        Assert.Same(sets.Find(things[0]), sets.Find(things[2]));
        Assert.NotSame(sets.Find(things[0]), sets.Find(things[4]));
        Assert.NotSame(sets.Find(things[4]), sets.Find(things[5]));
        Assert.Same(things[5], sets.Find(things[5]));
    }

    [Fact]
    public void A_long_chain_of_unions_is_one_group()
    {
        var things = Enumerable.Range(0, 10_000).Select(i => new Thing("t" + i)).ToList();
        var sets = new DisjointSets<Thing>(things);
        for (int i = 1; i < things.Count; i++) sets.Union(things[i], things[i - 1]);

        Assert.Equal(1, sets.Count);
        var root = sets.Find(things[0]);
        Assert.All(things, t => Assert.Same(root, sets.Find(t)));
        Assert.True(sets.Contains(things[42]));
        Assert.False(sets.Contains(new Thing("stranger")));
    }
}
