namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// The connections one reassembler tracks, as struct slots in pages with a chained index over them: the key's
/// hash is seeded per process (<see cref="TcpConnectionKey.GetHashCode"/>) and freed slots are reused. The first
/// page grows by doubling from a few slots, so a point with little TCP holds little; past it whole pages are
/// added and never copied, so a table that fills to its cap allocates each slot once. Callers reach a connection
/// by its slot index and a <c>ref</c>; a ref stays valid until the next <see cref="Add"/>.
/// </summary>
internal sealed class TcpConnectionTable
{
    private const int None = -1;
    private const int InitialSlots = 16;
    private const int PageShift = 10;
    private const int PageSlots = 1 << PageShift;

    private TcpConnection[][] _pages = [new TcpConnection[InitialSlots]];
    private int _capacity = InitialSlots;
    private int[] _buckets = NewBuckets(InitialSlots);
    // Slots never used lie past _used; freed ones are chained through NextInBucket from _free.
    private int _used;
    private int _free = None;

    public int Count { get; private set; }

    public ref TcpConnection this[int slot] => ref _pages[slot >> PageShift][slot & (PageSlots - 1)];

    /// <summary>The slot of <paramref name="key"/>, or -1.</summary>
    public int Find(in TcpConnectionKey key)
    {
        int hash = key.GetHashCode();
        for (int slot = _buckets[hash & (_buckets.Length - 1)]; slot != None; slot = this[slot].NextInBucket)
        {
            ref var connection = ref this[slot];
            if (connection.Hash == hash && connection.Key.Equals(key)) return slot;
        }
        return None;
    }

    /// <summary>A new connection for <paramref name="key"/> (not in the table): its slot, every other field at default.</summary>
    public int Add(in TcpConnectionKey key)
    {
        int slot = _free;
        if (slot != None)
        {
            _free = this[slot].NextInBucket;
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
        connection.Older = None;
        connection.Newer = None;
        ref int bucket = ref _buckets[hash & (_buckets.Length - 1)];
        connection.NextInBucket = bucket;
        bucket = slot;
        Count++;
        return slot;
    }

    /// <summary>Takes the slot out of the index and clears it (the caller has released what it held).</summary>
    public void Remove(int slot)
    {
        ref var connection = ref this[slot];
        ref int link = ref _buckets[connection.Hash & (_buckets.Length - 1)];
        while (link != slot) link = ref this[link].NextInBucket;
        link = connection.NextInBucket;
        connection = default;
        connection.NextInBucket = _free;
        _free = slot;
        Count--;
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
        // At most one slot per bucket on average; the index doubles (and is rebuilt) when the slots pass it.
        if (_capacity <= _buckets.Length) return;
        _buckets = NewBuckets(_buckets.Length * 2);
        for (int slot = 0; slot < _used; slot++)
        {
            ref var connection = ref this[slot];
            ref int bucket = ref _buckets[connection.Hash & (_buckets.Length - 1)];
            connection.NextInBucket = bucket;
            bucket = slot;
        }
    }

    private static int[] NewBuckets(int count)
    {
        var buckets = new int[count];
        Array.Fill(buckets, None);
        return buckets;
    }
}
