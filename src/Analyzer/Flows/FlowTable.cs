using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Flows;

/// <summary>
/// The per-packet fast path's one lookup, on the reader's side: each UDP or TCP packet finds its flow here, and
/// the flow's slot carries what was already recorded for it — the link facts the neighbour table has (so it is
/// touched only when they change) and, through the slot's <see cref="FlowRef"/>, the RTP stream the engines'
/// side counted its last packet in (see <see cref="FlowStreams"/>). A cache, not a record: a flow that loses its
/// slot is only looked up the long way again, so the table has a fixed size whatever the capture holds.
/// Set-associative (four slots per bucket, the least recently used one replaced) over a seeded hash.
/// </summary>
internal sealed class FlowTable
{
    /// <summary>
    /// Slots: a few times the concurrent flows of a busy PBX uplink (thousands), small enough (~1.6 MiB) to cost
    /// nothing in the peak memory; a flood of flows only turns the cache over.
    /// </summary>
    public const int DefaultCapacity = 16_384;

    private const int Ways = 4;

    private readonly Slot[] _slots;
    private readonly int _bucketMask;
    private long _clock;

    public FlowTable(int capacity = DefaultCapacity)
    {
        if (capacity < Ways || (capacity & (capacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), "a power of two of at least 4");
        _slots = new Slot[capacity];
        _bucketMask = capacity / Ways - 1;
    }

    public int Capacity => _slots.Length;

    /// <summary>Flows that took a slot from another (the cache turning over).</summary>
    public long Replaced { get; private set; }

    /// <summary>
    /// The slot of the packet's flow (a new one, its facts empty, when the flow was not in the table): its link
    /// facts by reference, and in <paramref name="flow"/> the reference the engines' side keys its state by.
    /// </summary>
    public ref RecordedLink Find(in FlowKey key, out FlowRef flow)
    {
        int first = (key.GetHashCode() & _bucketMask) * Ways;
        long now = ++_clock;
        int victim = first;
        for (int i = first; i < first + Ways; i++)
        {
            ref var slot = ref _slots[i];
            if (slot.Generation != 0 && slot.Key.Equals(key))
            {
                slot.LastUse = now;
                flow = new FlowRef(i, slot.Generation);
                return ref slot.Link;
            }
            // An empty slot was never used (0), so it is taken before any live one.
            if (slot.LastUse < _slots[victim].LastUse) victim = i;
        }
        ref var taken = ref _slots[victim];
        if (taken.Generation != 0) Replaced++;
        taken.Generation = taken.Generation == int.MaxValue ? 1 : taken.Generation + 1;
        taken.Key = key;
        taken.LastUse = now;
        taken.Link = default;
        flow = new FlowRef(victim, taken.Generation);
        return ref taken.Link;
    }

    private struct Slot
    {
        public FlowKey Key;
        public int Generation;
        public long LastUse;
        public RecordedLink Link;
    }
}
