namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// The connections one reassembler tracks, as struct slots in one array with a chained index over them: the
/// key's hash is seeded per process (<see cref="TcpConnectionKey.GetHashCode"/>), freed slots are reused, and
/// both grow by doubling from a few slots, so a point with little TCP holds little. Callers reach a
/// connection by its slot index and a <c>ref</c>; a ref stays valid until the next <see cref="Add"/>.
/// </summary>
internal sealed class TcpConnectionTable
{
    private const int None = -1;
    private const int InitialSlots = 16;

    private TcpConnection[] _slots = new TcpConnection[InitialSlots];
    private int[] _buckets = NewBuckets(InitialSlots);
    // Slots never used lie past _used; freed ones are chained through NextInBucket from _free.
    private int _used;
    private int _free = None;

    public int Count { get; private set; }

    public ref TcpConnection this[int slot] => ref _slots[slot];

    /// <summary>The slot of <paramref name="key"/>, or -1.</summary>
    public int Find(in TcpConnectionKey key)
    {
        int hash = key.GetHashCode();
        for (int slot = _buckets[hash & (_buckets.Length - 1)]; slot != None; slot = _slots[slot].NextInBucket)
        {
            ref var connection = ref _slots[slot];
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
            _free = _slots[slot].NextInBucket;
        }
        else
        {
            if (_used == _slots.Length) Grow();
            slot = _used++;
        }
        int hash = key.GetHashCode();
        ref var connection = ref _slots[slot];
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
        ref int link = ref _buckets[_slots[slot].Hash & (_buckets.Length - 1)];
        while (link != slot) link = ref _slots[link].NextInBucket;
        link = _slots[slot].NextInBucket;
        _slots[slot] = default;
        _slots[slot].NextInBucket = _free;
        _free = slot;
        Count--;
    }

    private void Grow()
    {
        Array.Resize(ref _slots, _slots.Length * 2);
        _buckets = NewBuckets(_slots.Length);
        for (int slot = 0; slot < _used; slot++)
        {
            ref var connection = ref _slots[slot];
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
