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
    private IndexEntry[] _index = new IndexEntry[32];

    public int Count { get; private set; }

    public ref TcpConnection this[int slot] => ref _slots[slot];

    /// <summary>The slot of <paramref name="key"/>, or -1.</summary>
    public int Find(in TcpConnectionKey key)
    {
        int hash = key.GetHashCode();
        var index = _index;
        int mask = index.Length - 1;
        for (int at = hash & mask; ; at = (at + 1) & mask)
        {
            ref var entry = ref index[at];
            if (entry.SlotPlusOne == 0) return None;
            if (entry.Hash == hash && _slots[entry.SlotPlusOne - 1].Key.Equals(key)) return entry.SlotPlusOne - 1;
        }
    }

    /// <summary>A new connection for <paramref name="key"/> (not in the table): its slot, every other field at default.</summary>
    public int Add(in TcpConnectionKey key)
    {
        int slot = _slots.Take();
        // At most half full, so that runs stay short; the entries carry their hashes, so no slot is read.
        if (_slots.Capacity * 2 > _index.Length) GrowIndex();
        int hash = key.GetHashCode();
        ref var connection = ref _slots[slot];
        connection.Key = key;
        connection.Hash = hash;
        connection.Older = None;
        connection.Newer = None;
        Insert(_index, hash, slot);
        Count++;
        return slot;
    }

    /// <summary>Takes the slot out of the index and clears it (the caller has released what it held).</summary>
    public void Remove(int slot)
    {
        var index = _index;
        int mask = index.Length - 1;
        int hole = _slots[slot].Hash & mask;
        while (index[hole].SlotPlusOne != slot + 1) hole = (hole + 1) & mask;
        // Backward-shift deletion: an entry further along the run moves into the hole unless its home lies
        // between the hole and it, so every entry stays reachable from its home without tombstones.
        for (int next = (hole + 1) & mask; index[next].SlotPlusOne != 0; next = (next + 1) & mask)
        {
            int home = index[next].Hash & mask;
            bool homeAfterHole = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (homeAfterHole) continue;
            index[hole] = index[next];
            hole = next;
        }
        index[hole] = default;
        _slots.Free(slot);
        Count--;
    }

    /// <summary>Forgets every connection (the caller has released what they held) and gives the table's memory back.</summary>
    public void Clear()
    {
        _slots.Clear();
        _index = new IndexEntry[32];
        Count = 0;
    }

    private static void Insert(IndexEntry[] index, int hash, int slot)
    {
        int mask = index.Length - 1;
        int at = hash & mask;
        while (index[at].SlotPlusOne != 0) at = (at + 1) & mask;
        index[at] = new IndexEntry(hash, slot + 1);
    }

    private void GrowIndex()
    {
        int size = _index.Length;
        while (_slots.Capacity * 2 > size) size *= 2;
        var bigger = new IndexEntry[size];
        foreach (var entry in _index)
            if (entry.SlotPlusOne != 0) Insert(bigger, entry.Hash, entry.SlotPlusOne - 1);
        _index = bigger;
    }

    /// <summary>An index position: the connection's hash and its slot + 1 (0 = empty, so a new array is all empty).</summary>
    private readonly record struct IndexEntry(int Hash, int SlotPlusOne);
}
