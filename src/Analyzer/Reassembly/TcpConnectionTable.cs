namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// The connections one reassembler tracks, as struct slots (<see cref="SlotPages{T}"/>) found through an
/// open-addressing index: the key's hash is seeded per process (<see cref="TcpConnectionKey.GetHashCode"/>) and
/// freed slots are reused. Callers reach a connection by its slot index and a <c>ref</c>; a ref stays valid until
/// the next <see cref="Add"/>.
/// </summary>
/// <remarks>
/// The index holds each connection's hash beside its slot, at most half full, probed linearly: a lookup of a
/// connection not tracked — every segment of a flood of new connections — reads one or two adjacent entries and
/// no slot, and a removal finds its entry without walking other slots. A chained index read a slot (a cache
/// miss in a table of megabytes) for every entry of the chain, twice per segment when the table was full.
/// </remarks>
internal sealed class TcpConnectionTable
{
    private const int None = -1;

    private readonly SlotPages<TcpConnection> _slots = new();
    private readonly SlotIndex _index = new();

    public int Count { get; private set; }

    public ref TcpConnection this[int slot] => ref _slots[slot];

    /// <summary>The slot of <paramref name="key"/>, or -1; <paramref name="hash"/> is the key's, for an <see cref="Add"/> after a miss.</summary>
    public int Find(in TcpConnectionKey key, out int hash)
    {
        hash = key.GetHashCode();
        var index = _index.Positions;
        int mask = index.Length - 1;
        for (int at = hash & mask; ; at = (at + 1) & mask)
        {
            ref var entry = ref index[at];
            if (entry.SlotPlusOne == 0) return None;
            if (entry.Hash == hash && _slots[entry.SlotPlusOne - 1].Key.Equals(key)) return entry.SlotPlusOne - 1;
        }
    }

    /// <summary>A new connection for <paramref name="key"/> (not in the table, <paramref name="hash"/> from <see cref="Find"/>): its slot, every other field at default.</summary>
    public int Add(in TcpConnectionKey key, int hash)
    {
        int slot = _slots.Take();
        _index.Add(hash, slot, _slots.Capacity);
        ref var connection = ref _slots[slot];
        connection.Key = key;
        connection.Hash = hash;
        connection.Older = None;
        connection.Newer = None;
        Count++;
        return slot;
    }

    /// <summary>Takes the slot out of the index and clears it (the caller has released what it held).</summary>
    public void Remove(int slot)
    {
        _index.Remove(_slots[slot].Hash, slot);
        _slots.Free(slot);
        Count--;
    }

    /// <summary>Forgets every connection (the caller has released what they held) and gives the table's memory back.</summary>
    public void Clear()
    {
        _slots.Clear();
        _index.Clear();
        Count = 0;
    }
}
