namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// The completed transactions (or registrations, or dialogs) kept for the report and the path analysis, at most
/// <c>capacity</c> of them and at most <c>byteCapacity</c> bytes as <see cref="RetainedSize"/> estimates them.
/// Keeping simply the first ones would make a long capture's later faults invisible — the routes changed at
/// 14:00, the capture began at 09:00 — so once full, a noteworthy item (one that was not answered at the first
/// try, saw an ICMP error, failed) takes the place of a routine one kept earlier; only when every kept item is
/// noteworthy are new ones dropped. Either way an item goes unreported and is counted.
/// A count alone let the kept set grow with the capture after it was full: noteworthy items, which are larger
/// (every retransmitted copy is kept), took the places of small routine ones. In bytes, a large newcomer pushes
/// out as many routine items as its size needs, and memory stays flat once the budget is reached; a quarter of
/// the budget stays routine (the clients seen working are what bounds the subnet a cause names).
/// The caps hold for every list sharing <paramref name="kept"/> and <paramref name="keptBytes"/> (the engines of
/// all capture points), each list replacing only its own routine items.
/// </summary>
internal sealed class RetainedList<T>(int capacity, SharedCount? kept = null, long byteCapacity = long.MaxValue,
    SharedBytes? keptBytes = null) where T : class
{
    // Null where a routine item gave way to a larger one's bytes; closed up before the list is read.
    private readonly List<T?> _items = new();
    private readonly SharedCount _kept = kept ?? new SharedCount();
    private readonly SharedBytes _keptBytes = keptBytes ?? new SharedBytes();
    // Where the routine items are and their sizes, newest on top (so the earliest routine ones, which begin the
    // report, stay longest).
    private readonly Stack<(int Slot, long Bytes)> _routine = new();
    private long _routineBytes;
    private int _holes;
    // One part in this many of the byte budget stays for routine items.
    private const int RoutineShare = 4;

    /// <summary>The kept items (routine ones that gave way removed).</summary>
    public List<T> Items
    {
        get
        {
            if (_holes > 0) CloseHoles();
            return _items!;
        }
    }

    /// <summary>Bytes of this list's items, as estimated when each was kept.</summary>
    public long Bytes { get; private set; }

    /// <summary>Orders the kept items for the report; after this nothing is replaced any more (the capture ended).</summary>
    public void Sort(Comparison<T> comparison)
    {
        Items.Sort(comparison);
        _routine.Clear();
        _routineBytes = 0;
    }

    /// <summary>
    /// Keeps <paramref name="item"/> if it can, sizing it only when it may be kept: under a flood the list is full of
    /// routine items long before the end, and walking each refused newcomer's strings to size it was a few per cent
    /// of a scanned REGISTER's cost. Returns what <see cref="Add(T, bool, long)"/> returns.
    /// </summary>
    public int Add(T item, bool noteworthy, Func<T, long> sizeOf)
    {
        if (Refuses(noteworthy)) return 1;
        long bytes = sizeOf(item);
        if (!noteworthy && bytes < _smallestRoutine) _smallestRoutine = bytes;
        return Add(item, noteworthy, bytes);
    }

    // What Add(item, noteworthy, bytes) decides for any size: the count is full, and the newcomer is routine or
    // finds no routine item to take the place of. Where the bytes bind first (a flood's dialogs), a routine
    // newcomer is refused once the room left is less than the smallest routine item sized so far: one smaller
    // still would have fitted, but sizing every one of a flood's newcomers to refuse it was ~5 % of its engine's CPU.
    public bool Refuses(bool noteworthy) => noteworthy
        ? _kept.Value >= capacity && _routine.Count == 0
        : _kept.Value >= capacity || (_smallestRoutine != NoneSized && _keptBytes.Value > byteCapacity - _smallestRoutine);

    // The smallest routine item sized by Add(item, noteworthy, sizeOf); none yet: no newcomer refused for its bytes unsized.
    private long _smallestRoutine = NoneSized;
    private const long NoneSized = long.MaxValue;

    /// <summary>
    /// Keeps <paramref name="item"/> (<paramref name="bytes"/> large) if it can; returns how many items (this one, or
    /// the routine ones it replaced) went unreported.
    /// </summary>
    public int Add(T item, bool noteworthy, long bytes)
    {
        if (_kept.Value < capacity && _keptBytes.Value + bytes <= byteCapacity)
        {
            if (!noteworthy)
            {
                _routine.Push((_items.Count, bytes));
                _routineBytes += bytes;
            }
            _items.Add(item);
            _kept.Value++;
            Charge(bytes);
            return 0;
        }
        if (!noteworthy || _routine.Count == 0) return 1;
        // Where the bytes bind (not the count), noteworthy items take at most their share of the budget: a long
        // capture's steady stream of them would otherwise push out every routine item, and with them the clients
        // seen working, which bound the affected subnet a cause names.
        bool countBinds = _kept.Value >= capacity && _keptBytes.Value - _routine.Peek().Bytes + bytes <= byteCapacity;
        if (!countBinds && _keptBytes.Value - _routineBytes + bytes > byteCapacity - byteCapacity / RoutineShare) return 1;
        var (slot, replaced) = _routine.Pop();
        _routineBytes -= replaced;
        _items[slot] = item;
        Charge(bytes - replaced);
        int dropped = 1;
        while (_keptBytes.Value > byteCapacity && _routine.TryPop(out var next))
        {
            _routineBytes -= next.Bytes;
            _items[next.Slot] = null;
            _holes++;
            _kept.Value--;
            Charge(-next.Bytes);
            dropped++;
        }
        return dropped;
    }

    private void Charge(long bytes)
    {
        Bytes += bytes;
        _keptBytes.Value += bytes;
    }

    // Keeps the order of the items and moves the routine stack's slots with them.
    private void CloseHoles()
    {
        var newSlot = new int[_items.Count];
        int next = 0;
        for (int i = 0; i < _items.Count; i++)
        {
            newSlot[i] = next;
            if (_items[i] is not null) _items[next++] = _items[i];
        }
        _items.RemoveRange(next, _items.Count - next);
        var routine = _routine.ToArray(); // top first
        _routine.Clear();
        for (int i = routine.Length - 1; i >= 0; i--) _routine.Push((newSlot[routine[i].Slot], routine[i].Bytes));
        _holes = 0;
    }
}
