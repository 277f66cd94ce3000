using System.Runtime.InteropServices;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// The count of the key counted last, held back from its dictionary until another key comes or the counts are
/// read. A run of the same key (a flood's one method, one outcome) then costs a compare in the counting object
/// instead of a hash look-up in a dictionary, whose arrays are out of the CPU cache when a capture has hundreds
/// of points and each point counts in its own. A key reaches the dictionary before any key counted after it, so
/// the dictionary's order (first counted first) is what counting each key straight in gives.
/// </summary>
/// <remarks>A field of the object that owns the dictionary (a mutable struct: never copy it). The dictionary's
/// comparer must be the key's default equality (ordinal for strings).</remarks>
internal struct RecentCount<TKey> where TKey : notnull
{
    private TKey? _key;
    private long _pending;
    private int _maxKeys;

    public void Add(Dictionary<TKey, long> counts, TKey key)
    {
        if (_pending != 0 && EqualityComparer<TKey>.Default.Equals(_key, key))
        {
            _pending++;
            return;
        }
        Flush(counts);
        _key = key;
        _pending = 1;
    }

    /// <summary>
    /// As <see cref="Add(Dictionary{TKey, long}, TKey)"/> for a dictionary of at most <paramref name="maxKeys"/>
    /// keys: a new key that finds it full is not counted (when its run ends), as counting straight in would do.
    /// </summary>
    public void Add(Dictionary<TKey, long> counts, TKey key, int maxKeys)
    {
        _maxKeys = maxKeys;
        Add(counts, key);
    }

    /// <summary>The dictionary with the held count in it: what a reader of the counts is given.</summary>
    public Dictionary<TKey, long> Flushed(Dictionary<TKey, long> counts)
    {
        Flush(counts);
        return counts;
    }

    /// <summary>Counts a capped dictionary had no room for (their key came once it was full).</summary>
    public long Dropped { readonly get; private set; }

    /// <summary>Adds the held count to the dictionary; no write when nothing is held (readers may share it then).</summary>
    public void Flush(Dictionary<TKey, long> counts)
    {
        if (_pending == 0) return;
        if (_maxKeys <= 0) CollectionsMarshal.GetValueRefOrAddDefault(counts, _key!, out _) += _pending;
        else if (!CappedCounts.Add(counts, _key!, _pending, _maxKeys)) Dropped += _pending;
        _pending = 0;
    }
}
