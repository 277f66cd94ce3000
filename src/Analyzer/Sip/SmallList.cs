namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// A list that keeps its first item in a field and makes the <see cref="List{T}"/> only for a second item or
/// when a reader asks for it. Most requests, response statuses and dialogs of a flood hold exactly one item, and
/// each list with its array was two more objects that the collector copied while the transaction stayed live.
/// A mutable struct: hold it in a field (not readonly) and call it there, never on a copy.
/// </summary>
internal struct SmallList<T> where T : class
{
    private T? _only;
    private List<T>? _list;

    /// <summary>The items as a list, made on first use (the items then live there).</summary>
    public List<T> List
    {
        get
        {
            if (_list is not null) return _list;
            _list = _only is null ? new(1) : new(2) { _only };
            _only = null;
            return _list;
        }
    }

    public readonly int Count => _list?.Count ?? (_only is null ? 0 : 1);

    /// <summary>The item at <paramref name="index"/>, without making the list.</summary>
    public readonly T this[int index] => _list is not null ? _list[index]
        : index == 0 && _only is not null ? _only : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(T item)
    {
        if (_list is null && _only is null) _only = item;
        else List.Add(item);
    }

    /// <summary>Appends as <see cref="KeptHistory.Add{T}"/> does (false when an item from the middle was dropped).</summary>
    public bool AddKeepingEnds(T item, int atEachEnd)
    {
        if (Count == 0 && atEachEnd > 0)
        {
            Add(item);
            return true;
        }
        return KeptHistory.Add(List, item, atEachEnd);
    }
}
