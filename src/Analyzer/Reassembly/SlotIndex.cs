namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// The open-addressing index of a table of struct slots: each position holds a key's hash beside its slot, at most
/// half full, probed linearly. A lookup of a key not there reads one or two adjacent positions and no slot; growing
/// reads no slot either (the hashes are here). The table compares keys itself, walking <see cref="Positions"/> from
/// <c>hash &amp; mask</c> until an empty position.
/// </summary>
internal sealed class SlotIndex
{
    public SlotIndexEntry[] Positions { get; private set; } = new SlotIndexEntry[32];

    /// <summary>Adds a position for <paramref name="slot"/>, first growing so that <paramref name="slots"/> slots stay at most half the size.</summary>
    public void Add(int hash, int slot, int slots)
    {
        if (slots * 2 > Positions.Length) Grow(slots);
        Insert(Positions, hash, slot);
    }

    /// <summary>Takes <paramref name="slot"/>'s position out.</summary>
    public void Remove(int hash, int slot)
    {
        var index = Positions;
        int mask = index.Length - 1;
        int hole = hash & mask;
        while (index[hole].SlotPlusOne != slot + 1) hole = (hole + 1) & mask;
        for (int next = (hole + 1) & mask; index[next].SlotPlusOne != 0; next = (next + 1) & mask)
        {
            if (LinearProbing.StaysPut(hole, next, index[next].Hash & mask)) continue;
            index[hole] = index[next];
            hole = next;
        }
        index[hole] = default;
    }

    /// <summary>Forgets every position and gives the memory back.</summary>
    public void Clear() => Positions = new SlotIndexEntry[32];

    private static void Insert(SlotIndexEntry[] index, int hash, int slot)
    {
        int mask = index.Length - 1;
        int at = hash & mask;
        while (index[at].SlotPlusOne != 0) at = (at + 1) & mask;
        index[at] = new SlotIndexEntry(hash, slot + 1);
    }

    private void Grow(int slots)
    {
        int size = Positions.Length;
        while (slots * 2 > size) size *= 2;
        var bigger = WrittenArray.New<SlotIndexEntry>(size);
        foreach (var entry in Positions)
            if (entry.SlotPlusOne != 0) Insert(bigger, entry.Hash, entry.SlotPlusOne - 1);
        Positions = bigger;
    }
}
