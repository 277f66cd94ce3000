using System.Runtime.CompilerServices;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// A map that only grows, for the neighbour table's per-frame lookups: entries are struct slots in pages
/// (<see cref="SlotPages{T}"/>, never copied) in the order they were added, found through a <see cref="SlotIndex"/>.
/// The caller hashes the key once (seeded, <see cref="PacketHash"/>) and passes the hash to the lookup and to the
/// add that follows a miss.
/// </summary>
/// <remarks>
/// A <see cref="Dictionary{TKey, TValue}"/> cost a new host three hash computations and a cache miss for its bucket and
/// one for each entry of the chain, in each of two dictionaries, and every resize copied and rehashed all entries
/// into arrays twice the size: a flood of new hosts spent more in the neighbour table than in its TCP state. Here a
/// miss reads one or two adjacent index entries and no slot, and growing the index reads no slot either.
/// </remarks>
internal sealed class InsertionOrderedTable<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
    where TValue : struct
{
    private readonly SlotPages<Entry> _entries = new();
    private readonly SlotIndex _index = new();

    public int Count { get; private set; }

    /// <summary>The value of <paramref name="key"/> by reference, or a null reference (<see cref="Unsafe.IsNullRef{T}"/>).</summary>
    public ref TValue Find(in TKey key, int hash)
    {
        var index = _index.Positions;
        int mask = index.Length - 1;
        for (int at = hash & mask; ; at = (at + 1) & mask)
        {
            ref var position = ref index[at];
            if (position.SlotPlusOne == 0) return ref Unsafe.NullRef<TValue>();
            if (position.Hash == hash)
            {
                ref var entry = ref _entries[position.SlotPlusOne - 1];
                if (entry.Key.Equals(key)) return ref entry.Value;
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> (not in the table) with a default value, which it returns by reference.</summary>
    public ref TValue Add(in TKey key, int hash)
    {
        int slot = _entries.Take();
        _index.Add(hash, slot, _entries.Capacity);
        Count++;
        ref var entry = ref _entries[slot];
        entry.Key = key;
        return ref entry.Value;
    }

    /// <summary>The key of the <paramref name="order"/>-th entry added (from 0).</summary>
    public ref readonly TKey KeyAt(int order) => ref _entries[order].Key;

    /// <summary>The value of the <paramref name="order"/>-th entry added (from 0).</summary>
    public ref TValue ValueAt(int order) => ref _entries[order].Value;

    private struct Entry
    {
        public TKey Key;
        public TValue Value;
    }
}
