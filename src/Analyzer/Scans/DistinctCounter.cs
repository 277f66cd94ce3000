using System.Runtime.InteropServices;
using PcapSipAnalyzer.Analyzer.Points;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// Counts distinct 32-bit values exactly up to <c>capacity</c> (an open-addressing table of 4 bytes a slot,
/// at most half full, grown by doubling), then only says "at least": a scan of a million sources costs 8 MB,
/// and never a string per source. IPv4 sources are their own value, so their count is exact; AORs and IPv6
/// sources are hashed, and two of them share a value once in about four billion.
/// </summary>
internal sealed class DistinctCounter(int capacity)
{
    private uint[] _slots = new uint[64];
    private int _shift = 32 - 6;
    private bool _hasZero;

    public long Count { get; private set; }

    /// <summary>True once the table was full: <see cref="Count"/> is then a lower bound.</summary>
    public bool Saturated { get; private set; }

    public void Add(uint value)
    {
        if (value == 0)
        {
            if (!_hasZero) { _hasZero = true; Count++; }
            return;
        }
        int mask = _slots.Length - 1;
        int i = Slot(value);
        while (_slots[i] != 0)
        {
            if (_slots[i] == value) return;
            i = (i + 1) & mask;
            ExtraProbes++;
        }
        if (Count >= capacity) { Saturated = true; return; }
        _slots[i] = value;
        Count++;
        if (Count * 2 > _slots.Length) Grow();
    }

    /// <summary>Slots looked at beyond the first, over every <see cref="Add"/>: long runs would mean the hash clusters.</summary>
    internal long ExtraProbes { get; private set; }

    // Keyed per process (PacketHash): source addresses are the sender's to choose, and with a fixed multiplicative
    // hash a flood of addresses that differ only in their high bits (10.0.0.1, 11.0.0.1, …) filled a handful of
    // slots and made each insertion walk the whole run.
    private int Slot(uint value) => (int)(PacketHash.Mix(value, 0) >> (32 + _shift));

    private void Grow()
    {
        var old = _slots;
        _slots = WrittenArray.New<uint>(old.Length * 2);
        _shift--;
        int mask = _slots.Length - 1;
        foreach (var value in old)
        {
            if (value == 0) continue;
            int i = Slot(value);
            while (_slots[i] != 0) i = (i + 1) & mask;
            _slots[i] = value;
        }
    }

    /// <summary>The value counted for a source address: an IPv4 address itself, an IPv6 one folded to 32 bits.</summary>
    public static uint Value(ulong high, ulong low, bool isV6)
    {
        if (!isV6) return (uint)low;
        ulong h = (high * 0x9E3779B97F4A7C15UL) ^ (low * 0xC2B2AE3D27D4EB4FUL);
        return (uint)(h ^ (h >> 32));
    }

    /// <summary>
    /// A string's characters hashed to 32 bits, for counting AORs: the keyed payload hash (per process, so a
    /// sender cannot choose AORs that collide), sixteen bytes a step, where FNV-1a took a multiply per character
    /// and was a thirtieth of a scan's engine time.
    /// </summary>
    public static uint Value(string text)
    {
        ulong h = PayloadHash.Of(MemoryMarshal.AsBytes(text.AsSpan()));
        return (uint)(h ^ (h >> 32));
    }
}
