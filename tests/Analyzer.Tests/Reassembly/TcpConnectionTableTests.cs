using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>The slot table behind the reassembler: found by key across page growth, freed slots reused and cleared.</summary>
public class TcpConnectionTableTests
{
    private static TcpConnectionKey Key(int i) =>
        new(0, NetAddress.FromV4(0x0A000000u + (uint)i), (ushort)(1024 + i % 7), NetAddress.FromV4(0xC0A80001u), 5060);

    // The reassembler adds a connection only after a miss, with the hash that lookup computed.
    private static int Add(TcpConnectionTable table, TcpConnectionKey key) => table.Add(key, key.GetHashCode());

    private static int Find(TcpConnectionTable table, TcpConnectionKey key) => table.Find(key, out _);

    [Fact]
    public void EveryKeyIsFoundAcrossPagesAndAfterRemovals()
    {
        var table = new TcpConnectionTable();
        var slots = new Dictionary<int, int>();
        for (int i = 0; i < 5_000; i++)
        {
            int slot = Add(table, Key(i));
            table[slot].LastSeenNs = i;
            slots[i] = slot;
        }
        for (int i = 0; i < 5_000; i += 3)
        {
            table.Remove(slots[i]);
            slots.Remove(i);
        }
        Assert.Equal(5_000 - 1_667, table.Count);
        Assert.Equal(-1, Find(table, Key(0)));
        foreach (var (i, slot) in slots)
        {
            Assert.Equal(slot, Find(table, Key(i)));
            Assert.Equal(i, table[slot].LastSeenNs);
        }

        // New connections take the freed slots first, and start from a cleared state.
        int reused = Add(table, Key(10_000));
        Assert.Equal(4_998, reused);
        Assert.Equal(0, table[reused].LastSeenNs);
        Assert.Equal(reused, Find(table, Key(10_000)));
        Assert.Equal(0, table[reused].FromLow);
    }

    [Fact]
    public void ChurnKeepsEveryLiveKeyFindableAndNoRemovedOne()
    {
        // Adds and removals interleaved while the table grows and while it stays at one size: removing from the
        // middle of a run of index entries must leave the entries after it reachable.
        var table = new TcpConnectionTable();
        var live = new Dictionary<int, int>();
        var random = new Random(13);
        for (int step = 0; step < 60_000; step++)
        {
            int key = random.Next(step < 30_000 ? 3_000 : 800);
            if (live.TryGetValue(key, out int slot))
            {
                Assert.Equal(slot, Find(table, Key(key)));
                table.Remove(slot);
                live.Remove(key);
                Assert.Equal(-1, Find(table, Key(key)));
            }
            else
            {
                Assert.Equal(-1, Find(table, Key(key)));
                slot = Add(table, Key(key));
                table[slot].LastSeenNs = key;
                live[key] = slot;
            }
        }
        Assert.Equal(live.Count, table.Count);
        for (int key = 0; key < 3_000; key++)
        {
            int expected = live.TryGetValue(key, out int slot) ? slot : -1;
            Assert.Equal(expected, Find(table, Key(key)));
            if (expected >= 0) Assert.Equal(key, table[expected].LastSeenNs);
        }
    }
}
