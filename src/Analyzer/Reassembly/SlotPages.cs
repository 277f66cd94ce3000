namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// Struct slots in pages, reached by index and <c>ref</c>; freed slots are reused, most recently freed first. The
/// first page grows by doubling from a few slots, so a point with little TCP holds little; past it whole pages are
/// added and never copied, so a table that fills to its cap allocates each slot once. A ref stays valid until the
/// next <see cref="Take"/>.
/// </summary>
internal sealed class SlotPages<T> where T : struct
{
    private const int InitialSlots = 16;
    private const int PageShift = 10;
    private const int PageSlots = 1 << PageShift;

    private T[][] _pages = [new T[InitialSlots]];
    // Slots never used lie past _used; freed ones wait on _free.
    private int[] _free = [];
    private int _freeCount;
    private int _used;

    /// <summary>Slots allocated so far (used or not).</summary>
    public int Capacity { get; private set; } = InitialSlots;

    public ref T this[int slot] => ref _pages[slot >> PageShift][slot & (PageSlots - 1)];

    /// <summary>A slot at its default value.</summary>
    public int Take()
    {
        if (_freeCount > 0) return _free[--_freeCount];
        if (_used == Capacity) Grow();
        return _used++;
    }

    /// <summary>Clears the slot and keeps it for the next <see cref="Take"/>.</summary>
    public void Free(int slot)
    {
        this[slot] = default;
        if (_freeCount == _free.Length) Array.Resize(ref _free, Math.Max(InitialSlots, _free.Length * 2));
        _free[_freeCount++] = slot;
    }

    /// <summary>Forgets every slot and gives the memory back.</summary>
    public void Clear()
    {
        _pages = [new T[InitialSlots]];
        _free = [];
        _freeCount = 0;
        _used = 0;
        Capacity = InitialSlots;
    }

    private void Grow()
    {
        if (Capacity < PageSlots)
        {
            _pages[0] = WrittenArray.Grown(_pages[0], Capacity * 2);
            Capacity *= 2;
            return;
        }
        Array.Resize(ref _pages, _pages.Length + 1);
        _pages[^1] = WrittenArray.New<T>(PageSlots);
        Capacity += PageSlots;
    }
}
