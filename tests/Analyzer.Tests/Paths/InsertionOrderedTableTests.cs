using System.Runtime.CompilerServices;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// The neighbour table's grow-only map: every key found across page and index growth, a miss for every key not
/// added, and entries in the order they were added (the neighbour views are built in that order).
/// </summary>
public class InsertionOrderedTableTests
{
    // A hash that piles keys into few index positions, so runs of collisions are walked too.
    private static int Hash(long key) => (int)(key % 97) * 31;

    [Fact]
    public void KeysAreFoundAcrossGrowthAndKeepTheOrderTheyWereAddedIn()
    {
        var table = new InsertionOrderedTable<long, int>();
        var keys = new List<long>();
        var random = new Random(7);
        while (keys.Count < 5_000)
        {
            long key = random.NextInt64(1, 1L << 40);
            if (!Unsafe.IsNullRef(ref table.Find(key, Hash(key)))) continue;
            table.Add(key, Hash(key)) = keys.Count;
            keys.Add(key);
        }

        Assert.Equal(keys.Count, table.Count);
        for (int order = 0; order < keys.Count; order++)
        {
            Assert.Equal(keys[order], table.KeyAt(order));
            Assert.Equal(order, table.ValueAt(order));
            ref int value = ref table.Find(keys[order], Hash(keys[order]));
            Assert.False(Unsafe.IsNullRef(ref value));
            Assert.Equal(order, value);
        }
        Assert.True(Unsafe.IsNullRef(ref table.Find(0, Hash(0))));
        Assert.True(Unsafe.IsNullRef(ref table.Find(1L << 41, Hash(1L << 41))));
    }

    [Fact]
    public void AValueChangedThroughItsReferenceStaysChanged()
    {
        var table = new InsertionOrderedTable<long, int>();
        table.Add(42, Hash(42)) = 1;
        table.Find(42, Hash(42))++;
        for (long key = 100; key < 3_000; key++) table.Add(key, Hash(key));
        Assert.Equal(2, table.Find(42, Hash(42)));
        Assert.Equal(2, table.ValueAt(0));
    }
}
