using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>Counts in a dictionary of at most so many keys: a key already there always counts, a new one only while there is room.</summary>
internal static class CappedCounts
{
    /// <summary>Adds <paramref name="amount"/> to the key's count with one look-up when it is there; false when it is new and the table is full.</summary>
    public static bool Add<TKey>(Dictionary<TKey, long> counts, TKey key, long amount, int maxKeys) where TKey : notnull
    {
        ref long count = ref CollectionsMarshal.GetValueRefOrNullRef(counts, key);
        if (!Unsafe.IsNullRef(ref count))
        {
            count += amount;
            return true;
        }
        if (counts.Count >= maxKeys) return false;
        counts.Add(key, amount);
        return true;
    }
}
