namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// Objects grouped by "is the same as" (union–find by reference), so that what several capture points saw of one
/// thing is counted once. Paths are shortened on each look-up, so a long chain of unions costs no more than a short one.
/// </summary>
internal sealed class DisjointSets<T> where T : class
{
    private readonly Dictionary<T, T> _parent = new(ReferenceEqualityComparer.Instance);

    public DisjointSets(IEnumerable<T> items)
    {
        foreach (var item in items) _parent.TryAdd(item, item);
        Count = _parent.Count;
    }

    /// <summary>Groups left.</summary>
    public int Count { get; private set; }

    public bool Contains(T item) => _parent.ContainsKey(item);

    public T Find(T item)
    {
        var parent = _parent[item];
        while (!ReferenceEquals(parent, item))
        {
            var grand = _parent[parent];
            _parent[item] = grand;
            item = parent;
            parent = grand;
        }
        return item;
    }

    public void Union(T a, T b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ReferenceEquals(ra, rb)) return;
        _parent[rb] = ra;
        Count--;
    }
}
