namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// The completed transactions (or registrations) kept for the report and the path analysis, at most
/// <c>capacity</c>. Keeping simply the first ones would make a long capture's later faults invisible — the
/// routes changed at 14:00, the capture began at 09:00 — so once full, a noteworthy item (one that was not
/// answered at the first try, saw an ICMP error, failed) takes the place of a routine one kept earlier; only
/// when every kept item is noteworthy are new ones dropped. Either way one item goes unreported and is counted.
/// The capacity holds for every list sharing <paramref name="kept"/> (the engines of all capture points), each
/// list replacing only its own routine items.
/// </summary>
internal sealed class RetainedList<T>(int capacity, SharedCount? kept = null)
{
    private readonly List<T> _items = new();
    private readonly SharedCount _kept = kept ?? new SharedCount();
    // Where the routine items are, newest on top (so the earliest routine ones, which begin the report, stay longest).
    private readonly Stack<int> _routine = new();

    public List<T> Items => _items;

    /// <summary>Orders the kept items for the report; after this nothing is replaced any more (the capture ended).</summary>
    public void Sort(Comparison<T> comparison)
    {
        _items.Sort(comparison);
        _routine.Clear();
    }

    /// <summary>Keeps <paramref name="item"/> if it can; returns false when an item (this or a routine one) went unreported.</summary>
    public bool Add(T item, bool noteworthy)
    {
        if (_kept.Value < capacity)
        {
            if (!noteworthy) _routine.Push(_items.Count);
            _items.Add(item);
            _kept.Value++;
            return true;
        }
        if (noteworthy && _routine.TryPop(out int slot))
            _items[slot] = item;
        return false;
    }
}
