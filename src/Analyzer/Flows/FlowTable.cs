using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Reassembly;

namespace PcapSipAnalyzer.Analyzer.Flows;

/// <summary>
/// The per-packet fast path's one lookup, on the reader's side: each UDP or TCP packet finds its flow here, and
/// the flow's slot carries what was already recorded for it — the link facts the neighbour table has (so it is
/// touched only when they change) and, through the slot's <see cref="FlowRef"/>, the RTP stream the engines'
/// side counted its last packet in (see <see cref="FlowStreams"/>). A cache, not a record: a flow that loses its
/// slot is only looked up the long way again, so the table has a fixed size whatever the capture holds.
/// Set-associative (four slots per bucket, replaced in turn when all are taken) over a seeded hash.
/// </summary>
internal sealed class FlowTable
{
    /// <summary>
    /// Slots: a few times the concurrent flows of a busy PBX uplink (thousands), small enough (~2 MiB) to cost
    /// nothing in the peak memory; a flood of flows only turns the cache over.
    /// </summary>
    public const int DefaultCapacity = 16_384;

    private const int Ways = 4;

    // Each slot's hash (0 = empty) apart from the slots: a lookup reads one cache line of them and then only the
    // slot whose hash matches, instead of comparing the keys of four slots of 120 bytes each.
    private readonly int[] _hashes;
    // Pages of slots rather than one array: each page stays under the large-object threshold, so the table is
    // ordinary young objects, made as flows need them; one 2 MiB array on the large-object heap shifted the
    // collector's budgets enough to raise the 2 GB mix's peak RSS by ~10 MiB.
    private readonly Slot[]?[] _pages;
    // The next slot each bucket gives away when full: round robin, so a hit writes nothing.
    private readonly byte[] _hands;
    private readonly int _bucketMask;

    // Flows seen once, as bits by hash: a flow takes a slot at its second packet, so a flood of one- or two-packet
    // flows (a scan, a spoofed flood) does not turn the table over at every packet, and the streams and calls that
    // last keep their slots. Cleared when a quarter of the bits were set, so false "seen" stay rare.
    private const int DoorBits = 19; // 2^19 bits = 64 KiB, under the large-object threshold
    private const int DoorLimit = 1 << (DoorBits - 2);
    private readonly ulong[] _seenOnce = new ulong[1 << (DoorBits - 6)];
    private int _seenOnceCount;
    // What a flow that has no slot yet records: thrown away at its next packet.
    private RecordedLink _unadmitted;

    public FlowTable(int capacity = DefaultCapacity)
    {
        if (capacity < Ways || (capacity & (capacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), "a power of two of at least 4");
        _hashes = WrittenArray.New<int>(capacity);
        _pages = new Slot[]?[(capacity + PageSize - 1) / PageSize];
        _capacity = capacity;
        _hands = new byte[capacity / Ways];
        _bucketMask = capacity / Ways - 1;
    }

    private const int PageBits = 9;
    private const int PageSize = 1 << PageBits; // 512 slots of 120 bytes: 60 KiB, under the 85 000-byte threshold
    private readonly int _capacity;

    public int Capacity => _capacity;

    /// <summary>Flows that took a slot from another (the cache turning over).</summary>
    public long Replaced { get; private set; }

    /// <summary>
    /// The slot of the packet's flow (a new one, its facts empty, when the flow was seen once before and is not in
    /// the table): its link facts by reference, and in <paramref name="flow"/> the reference the engines' side keys
    /// its state by. A flow's first packet gets <see cref="FlowRef.None"/> and empty facts that are not kept.
    /// </summary>
    public ref RecordedLink Find(in FlowKey key, out FlowRef flow)
    {
        int hash = key.GetHashCode() | 1;
        int bucket = hash >>> 1 & _bucketMask;
        int first = bucket * Ways;
        int free = -1;
        for (int i = first; i < first + Ways; i++)
        {
            int seen = _hashes[i];
            if (seen == hash)
            {
                ref var slot = ref SlotAt(i);
                if (slot.Key.Equals(key))
                {
                    flow = new FlowRef(i, slot.Generation);
                    return ref slot.Link;
                }
            }
            if (seen == 0 && free < 0) free = i;
        }
        if (!SeenBefore(hash))
        {
            flow = FlowRef.None;
            _unadmitted = default;
            return ref _unadmitted;
        }
        if (free < 0)
        {
            free = first + (_hands[bucket]++ & (Ways - 1));
            Replaced++;
        }
        _hashes[free] = hash;
        ref var taken = ref SlotAt(free);
        taken.Generation = taken.Generation == int.MaxValue ? 1 : taken.Generation + 1;
        taken.Key = key;
        taken.Link = default;
        flow = new FlowRef(free, taken.Generation);
        return ref taken.Link;
    }

    private bool SeenBefore(int hash)
    {
        int bit = (int)((uint)hash * 0x9E3779B1u >> (32 - DoorBits));
        ref ulong word = ref _seenOnce[bit >> 6];
        ulong mask = 1UL << (bit & 63);
        if ((word & mask) != 0) return true;
        word |= mask;
        if (++_seenOnceCount >= DoorLimit)
        {
            Array.Clear(_seenOnce);
            _seenOnceCount = 0;
        }
        return false;
    }

    private ref Slot SlotAt(int index)
    {
        var page = _pages[index >> PageBits] ??= WrittenArray.New<Slot>(PageSize);
        return ref page[index & (PageSize - 1)];
    }

    private struct Slot
    {
        public FlowKey Key;
        public int Generation;
        public RecordedLink Link;
    }
}
