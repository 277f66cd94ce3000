using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// <see cref="GenerationalMap{TKey,TValue}.GetOrAdd"/> holds struct values in place (the tshark-style resend
/// entries): what is written through the reference is what the map holds, also when adding the key turned the
/// generations over.
/// </summary>
public class GenerationalMapTests
{
    [Fact]
    public void A_value_written_through_the_reference_is_found_again()
    {
        var map = new GenerationalMap<int, long>(4);
        ref long value = ref map.GetOrAdd(7, out bool found);
        Assert.False(found);
        value = 42;

        ref long again = ref map.GetOrAdd(7, out found);
        Assert.True(found);
        Assert.Equal(42, again);
    }

    [Fact]
    public void The_key_that_turns_the_generations_over_keeps_its_value()
    {
        var map = new GenerationalMap<int, long>(4);
        for (int key = 0; key < 3; key++) map.GetOrAdd(key, out _) = key * 10;
        // The fourth key fills the current generation, which becomes the old one as the key is added.
        map.GetOrAdd(3, out bool found) = 30;
        Assert.False(found);

        for (int key = 0; key < 4; key++)
        {
            Assert.True(map.TryGetValue(key, out long value));
            Assert.Equal(key * 10, value);
        }
        Assert.Equal(0, map.Evicted);
    }

    [Fact]
    public void A_key_of_the_old_generation_moves_to_the_current_one_with_its_value()
    {
        var map = new GenerationalMap<int, long>(2);
        map.GetOrAdd(1, out _) = 100;
        map.GetOrAdd(2, out _) = 200; // turns over: 1 and 2 are now the old generation
        ref long moved = ref map.GetOrAdd(1, out bool found);
        Assert.True(found);
        Assert.Equal(100, moved);
        moved = 101;
        map.GetOrAdd(3, out _) = 300; // turns over again: 2 was not touched and is dropped
        Assert.False(map.TryGetValue(2, out _));
        Assert.True(map.TryGetValue(1, out long value));
        Assert.Equal(101, value);
    }

    [Fact]
    public void Keys_added_up_to_and_past_the_turnover_are_each_found_with_the_value_written_through_their_reference()
    {
        var map = new GenerationalMap<int, long>(8);
        for (int key = 0; key < 40; key++)
        {
            ref long value = ref map.GetOrAdd(key, out bool found);
            Assert.False(found);
            value = key + 1000;
            // Every key is readable right after it was added, whether it filled the generation or not.
            Assert.True(map.TryGetValue(key, out long read));
            Assert.Equal(key + 1000, read);
        }
        // Two generations of at most eight: the newest keys are held, the rest counted as evicted.
        Assert.InRange(map.Count, 8, 16);
        Assert.Equal(40 - map.Count, map.Evicted);
        Assert.True(map.TryGetValue(39, out long last));
        Assert.Equal(1039, last);
    }
    [Fact]
    public void Every_key_of_the_old_generation_is_found_whatever_its_hash()
    {
        // The old generation is looked in only for keys its filter of hashes may hold: none it holds may be missed.
        // 20 000 new keys, 1 000 a generation: the last key added turned the generations over, so the old one holds
        // the last 1 000 keys and the current one none.
        var map = new GenerationalMap<long, long>(1000);
        var random = new Random(20261207);
        var keys = new long[20_000];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = random.NextInt64();
            map.GetOrAdd(keys[i], out bool found) = i;
            Assert.False(found);
        }
        Assert.Equal(1000, map.Count);
        Assert.Equal(19_000, map.Evicted);
        Assert.False(map.TryGetValue(keys[^1001], out _)); // dropped with an older generation
        for (int i = keys.Length - 1000; i < keys.Length; i++)
        {
            // Each one found moves to the current generation; the last of them turns the generations over again.
            ref long value = ref map.Find(keys[i], out bool found);
            Assert.True(found, $"key {i} of the old generation was missed");
            Assert.Equal(i, value);
        }
    }
}
