using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>The slot table behind the reassembler: found by key across page growth, freed slots reused and cleared.</summary>
public class TcpConnectionTableTests
{
    private static TcpConnectionKey Key(int i) =>
        new(0, NetAddress.FromV4(0x0A000000u + (uint)i), (ushort)(1024 + i % 7), NetAddress.FromV4(0xC0A80001u), 5060);

    [Fact]
    public void EveryKeyIsFoundAcrossPagesAndAfterRemovals()
    {
        var table = new TcpConnectionTable();
        var slots = new Dictionary<int, int>();
        for (int i = 0; i < 5_000; i++)
        {
            int slot = table.Add(Key(i));
            table[slot].LastSeenNs = i;
            slots[i] = slot;
        }
        for (int i = 0; i < 5_000; i += 3)
        {
            table.Remove(slots[i]);
            slots.Remove(i);
        }
        Assert.Equal(5_000 - 1_667, table.Count);
        Assert.Equal(-1, table.Find(Key(0)));
        foreach (var (i, slot) in slots)
        {
            Assert.Equal(slot, table.Find(Key(i)));
            Assert.Equal(i, table[slot].LastSeenNs);
        }

        // New connections take the freed slots first, and start from a cleared state.
        int reused = table.Add(Key(10_000));
        Assert.Equal(4_998, reused);
        Assert.Equal(0, table[reused].LastSeenNs);
        Assert.Equal(reused, table.Find(Key(10_000)));
        Assert.False(table[reused].FromLow.Synchronized);
    }
}
