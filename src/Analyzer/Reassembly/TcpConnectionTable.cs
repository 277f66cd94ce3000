namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// The connections one reassembler tracks, as struct slots in pages, found through an open-addressing index:
/// the key's hash is seeded per process (<see cref="TcpConnectionKey.GetHashCode"/>) and freed slots are reused.
/// The first page grows by doubling from a few slots, so a point with little TCP holds little; past it whole
/// pages are added and never copied, so a table that fills to its cap allocates each slot once. Callers reach a
/// connection by its slot index and a <c>ref</c>; a ref stays valid until the next <see cref="Add"/>.
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
    private const int InitialSlots = 16;
    private const int PageShift = 10;
    private const int PageSlots = 1 << PageShift;

    private TcpConnection[][] _pages = [new TcpConnection[InitialSlots]];
    private int _capacity = InitialSlots;
    private IndexEntry[] _index = new IndexEntry[InitialSlots * 2];
    // Slots never used lie past _used; freed ones are chained through NextFree from _free.
    private int _used;
    private int _free = None;

    public int Count { get; private set; }

    public ref TcpConnection this[int slot] => ref _pages[slot >> PageShift][slot & (PageSlots - 1)];

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
            if (entry.Hash == hash && this[entry.SlotPlusOne - 1].Key.Equals(key)) return entry.SlotPlusOne - 1;
        }
    }

    /// <summary>A new connection for <paramref name="key"/> (not in the table): its slot, every other field at default.</summary>
    public int Add(in TcpConnectionKey key)
    {
        int slot = _free;
        if (slot != None)
        {
            _free = this[slot].NextFree;
        }
        else
        {
            if (_used == _capacity) Grow();
            slot = _used++;
        }
        int hash = key.GetHashCode();
        ref var connection = ref this[slot];
        connection.Key = key;
        connection.Hash = hash;
        connection.NextFree = None;
        connection.Older = None;
        connection.Newer = None;
        Insert(_index, hash, slot);
        Count++;
        return slot;
    }

    /// <summary>Takes the slot out of the index and clears it (the caller has released what it held).</summary>
    public void Remove(int slot)
    {
        ref var connection = ref this[slot];
        var index = _index;
        int mask = index.Length - 1;
        int hole = connection.Hash & mask;
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
        connection = default;
        connection.NextFree = _free;
        _free = slot;
        Count--;
    }

    /// <summary>Forgets every connection (the caller has released what they held) and gives the table's memory back.</summary>
    public void Clear()
    {
        _pages = [new TcpConnection[InitialSlots]];
        _capacity = InitialSlots;
        _index = new IndexEntry[InitialSlots * 2];
        _used = 0;
        _free = None;
        Count = 0;
    }

    private static void Insert(IndexEntry[] index, int hash, int slot)
    {
        int mask = index.Length - 1;
        int at = hash & mask;
        while (index[at].SlotPlusOne != 0) at = (at + 1) & mask;
        index[at] = new IndexEntry(hash, slot + 1);
    }

    private void Grow()
    {
        if (_capacity < PageSlots)
        {
            Array.Resize(ref _pages[0], _capacity * 2);
        }
        else
        {
            Array.Resize(ref _pages, _pages.Length + 1);
            _pages[^1] = new TcpConnection[PageSlots];
        }
        _capacity = _capacity < PageSlots ? _capacity * 2 : _capacity + PageSlots;
        // At most half full, so that runs stay short; the entries carry their hashes, so no slot is read.
        if (_capacity * 2 <= _index.Length) return;
        var bigger = new IndexEntry[_index.Length * 2];
        foreach (var entry in _index)
            if (entry.SlotPlusOne != 0) Insert(bigger, entry.Hash, entry.SlotPlusOne - 1);
        _index = bigger;
    }

    /// <summary>An index position: the connection's hash and its slot + 1 (0 = empty, so a new array is all empty).</summary>
    private readonly record struct IndexEntry(int Hash, int SlotPlusOne);
}
