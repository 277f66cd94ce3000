using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// A dictionary bounded by two generations: when the current one fills up it becomes the old one and the
/// previous old one is dropped. Entries used again move to the current generation, so what is dropped is
/// what nobody touched for a whole generation — LRU-like eviction without per-entry bookkeeping. Maps that
/// share a <see cref="SharedCount"/> (one per capture point) also turn over when all of them together hold two
/// generations' worth, the map that adds giving up its own old generation.
/// </summary>
internal sealed class GenerationalMap<TKey, TValue> where TKey : notnull
{
    private readonly int _capacity;
    private Dictionary<TKey, TValue> _current = new();
    private Dictionary<TKey, TValue> _previous = new();
    private readonly SharedCount _total;

    public GenerationalMap(int capacityPerGeneration, SharedCount? total = null)
    {
        _capacity = Math.Max(1, capacityPerGeneration);
        _total = total ?? new SharedCount();
    }

    /// <summary>Entries dropped with an old generation.</summary>
    public long Evicted { get; private set; }

    public int Count => _current.Count + _previous.Count;

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_current.TryGetValue(key, out value!)) return true;
        if (_previous.Remove(key, out value!))
        {
            _total.Value--;
            Set(key, value);
            return true;
        }
        return false;
    }

    /// <summary>
    /// The value of <paramref name="key"/> to update in place, added as <c>default</c> when the map lacks it
    /// (<paramref name="found"/> false); like <see cref="TryGetValue"/> and <see cref="Set"/>, it moves the key to
    /// the current generation and may turn the generations over. The reference holds until the map is changed.
    /// Lets a map of small structs hold its values without an object each.
    /// </summary>
    public ref TValue GetOrAdd(TKey key, out bool found)
    {
        ref TValue slot = ref CollectionsMarshal.GetValueRefOrNullRef(_current, key);
        if (!Unsafe.IsNullRef(ref slot))
        {
            found = true;
            return ref slot;
        }
        found = _previous.Remove(key, out var value);
        if (found) _total.Value--;
        // Where adding cannot turn the generations over (nearly always), the key is added where the look-up
        // missed with one more probe, not two (Set, then finding the slot again).
        if (_current.Count + 1 < _capacity && _total.Value + 1 < 2 * _capacity)
        {
            ref var added = ref CollectionsMarshal.GetValueRefOrAddDefault(_current, key, out _);
            added = value;
            _total.Value++;
            return ref added!;
        }
        return ref Promote(key, value!);
    }

    /// <summary>
    /// The value of <paramref name="key"/> to update in place, or a null reference (<paramref name="found"/>
    /// false) when the map lacks it; moves the key as <see cref="TryGetValue"/> does. One look-up where
    /// <see cref="TryGetValue"/> and <see cref="Update"/> took two.
    /// </summary>
    public ref TValue Find(TKey key, out bool found)
    {
        ref TValue slot = ref CollectionsMarshal.GetValueRefOrNullRef(_current, key);
        found = !Unsafe.IsNullRef(ref slot);
        if (found) return ref slot;
        if (!_previous.Remove(key, out var value)) return ref slot;
        found = true;
        _total.Value--;
        return ref Promote(key, value);
    }

    // Puts a value into the current generation and returns where it ended up: Set may have made the current
    // generation the old one.
    private ref TValue Promote(TKey key, TValue value)
    {
        Set(key, value);
        ref TValue slot = ref CollectionsMarshal.GetValueRefOrNullRef(_current, key);
        if (Unsafe.IsNullRef(ref slot)) slot = ref CollectionsMarshal.GetValueRefOrNullRef(_previous, key);
        return ref slot;
    }

    public void Set(TKey key, TValue value)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_current, key, out bool exists);
        slot = value;
        if (!exists) _total.Value++;
        if (_current.Count < _capacity && _total.Value < 2 * _capacity) return;
        var dropped = _previous;
        Evicted += dropped.Count;
        _total.Value -= dropped.Count;
        // A busy map (the old generation about as full as the new one will be) clears and reuses the dropped
        // table: growing a fresh one to thousands of entries every generation was a tenth of a SIP flood's
        // garbage. A map that stayed small gets a new one, so a map per capture point that once held many
        // entries does not keep all that room.
        if (dropped.Count >= _capacity / 2) dropped.Clear();
        else dropped = new Dictionary<TKey, TValue>();
        (_previous, _current) = (_current, dropped);
    }

    /// <summary>
    /// Overwrites the value of a key the map holds, in whichever generation it is; no effect on a key it does
    /// not hold. Never turns the generations over, unlike <see cref="Set"/>.
    /// </summary>
    public void Update(TKey key, TValue value)
    {
        ref TValue slot = ref CollectionsMarshal.GetValueRefOrNullRef(_current, key);
        if (Unsafe.IsNullRef(ref slot)) slot = ref CollectionsMarshal.GetValueRefOrNullRef(_previous, key);
        if (!Unsafe.IsNullRef(ref slot)) slot = value;
    }

    public void Remove(TKey key)
    {
        if (_current.Remove(key) || _previous.Remove(key)) _total.Value--;
    }
}
