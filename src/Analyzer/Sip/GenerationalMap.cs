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
    // Which keys the old generation may hold, a bit per key hash (about sixteen bits a key, made when a generation
    // turns old): a key the current generation lacks is looked for there only when its bit is set. Under a flood
    // of new Call-IDs every message's key is new, and looking for it in the old generation was a cache miss of its
    // own, the larger part of tshark's resend rule's time.
    private ulong[] _previousFilter = [];
    private int _filterShift = 64;

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
        if (MayBeOld(key) && _previous.Remove(key, out value!))
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
        TValue value = default!;
        found = MayBeOld(key) && _previous.Remove(key, out value!);
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
        if (!MayBeOld(key) || !_previous.Remove(key, out var value)) return ref slot;
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
        FilterOld();
    }

    private bool MayBeOld(TKey key)
    {
        if (_previous.Count == 0) return false;
        ulong bit = FilterBit(key);
        return (_previousFilter[(int)(bit >> 6)] & (1UL << (int)bit)) != 0;
    }

    // The bit of a key: the top bits of its hash spread by a multiply (the keys' hashes are keyed per process).
    private ulong FilterBit(TKey key) =>
        ((ulong)(uint)EqualityComparer<TKey>.Default.GetHashCode(key) * 0x9E3779B97F4A7C15UL) >> _filterShift;

    private void FilterOld()
    {
        int bits = 64;
        while (bits < _previous.Count * 16) bits *= 2;
        if (_previousFilter.Length == bits / 64) Array.Clear(_previousFilter);
        else _previousFilter = new ulong[bits / 64];
        _filterShift = 64 - System.Numerics.BitOperations.Log2((uint)bits);
        foreach (var key in _previous.Keys)
        {
            ulong bit = FilterBit(key);
            _previousFilter[(int)(bit >> 6)] |= 1UL << (int)bit;
        }
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
