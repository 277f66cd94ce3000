namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// Counts distinct 64-bit hashes exactly up to <c>capacity</c> (an open-addressing table of 8 bytes a slot,
/// grown by doubling), then only says "at least": a scan of millions of sources costs at most 16 bytes
/// per counted value, and never a string per source.
/// </summary>
internal sealed class DistinctCounter(int capacity)
{
    private ulong[] _slots = new ulong[64];
    private bool _hasZero;

    public long Count { get; private set; }

    /// <summary>True once the table was full: <see cref="Count"/> is then a lower bound.</summary>
    public bool Saturated { get; private set; }

    public void Add(ulong hash)
    {
        if (hash == 0)
        {
            if (!_hasZero) { _hasZero = true; Count++; }
            return;
        }
        int mask = _slots.Length - 1;
        int i = (int)(hash ^ (hash >> 31)) & mask;
        while (_slots[i] != 0)
        {
            if (_slots[i] == hash) return;
            i = (i + 1) & mask;
        }
        if (Count >= capacity) { Saturated = true; return; }
        _slots[i] = hash;
        Count++;
        if (Count * 2 > _slots.Length) Grow();
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        int mask = _slots.Length - 1;
        foreach (var hash in old)
        {
            if (hash == 0) continue;
            int i = (int)(hash ^ (hash >> 31)) & mask;
            while (_slots[i] != 0) i = (i + 1) & mask;
            _slots[i] = hash;
        }
    }

    /// <summary>A 64-bit mix of an address (both halves), for counting sources.</summary>
    public static ulong Hash(ulong high, ulong low, bool isV6)
    {
        ulong h = (low + 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL;
        h ^= (high + (isV6 ? 0x94D049BB133111EBUL : 0)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 29);
    }

    /// <summary>FNV-1a over a string's characters, for counting AORs.</summary>
    public static ulong Hash(string text)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (char c in text) h = (h ^ c) * 0x100000001B3UL;
        return h;
    }
}
