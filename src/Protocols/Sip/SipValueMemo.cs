namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// What the parser made of a header value it read lately, by the value's bytes: a small lossy table (a slot per
/// hash, the newest value wins) that keeps a copy of each value's bytes beside the result, so a hit is a byte
/// comparison instead of a parse. The messages of one call repeat their From and To byte for byte, and a response
/// repeats its request's Via: in the parse of an in-dialog message the From and To readers were a fifth (perf), the
/// Via reader more than another. The result must be a pure function of the bytes, and shared results must never
/// change once made.
/// </summary>
internal sealed class SipValueMemo<TResult>
{
    /// <summary>Longer values are parsed every time (rare, and a hostile value must not cost a large copy).</summary>
    public const int MaxBytes = 128;
    // 512 slots: a PBX's concurrent calls each bring their From and To; the whole table is 64 KB of bytes.
    private const int SlotBits = 9;
    private const int Slots = 1 << SlotBits;

    private readonly byte[] _bytes = new byte[Slots * MaxBytes];
    private readonly uint[] _checks = new uint[Slots];
    private readonly byte[] _lengths = new byte[Slots];
    private readonly TResult[] _results = new TResult[Slots];

    /// <summary>Where a value's result goes once made, with the check that tells the value's slot from another's.</summary>
    public readonly record struct Slot(int Index, uint Check)
    {
        /// <summary>A value too long (or empty) to keep.</summary>
        public static Slot None => new(-1, 0);
    }

    /// <summary>
    /// The result stored for exactly these bytes, if the table still has it; otherwise false, with
    /// <paramref name="slot"/> the place to <see cref="Store"/> the result once made (<see cref="Slot.None"/>: not kept).
    /// </summary>
    public bool TryFind(ReadOnlySpan<byte> value, out Slot slot, out TResult result)
    {
        result = default!;
        if (value.IsEmpty || value.Length > MaxBytes)
        {
            slot = Slot.None;
            return false;
        }
        ulong h = SipText.HashOf(value);
        int index = (int)(h >> (64 - SlotBits));
        slot = new Slot(index, (uint)h | 1); // never 0, the check of an empty slot
        if (_checks[index] != slot.Check || _lengths[index] != value.Length
            || !value.SequenceEqual(_bytes.AsSpan(index * MaxBytes, value.Length)))
            return false;
        result = _results[index];
        return true;
    }

    /// <summary>Keeps <paramref name="result"/> for <paramref name="value"/> in the slot <see cref="TryFind"/> gave.</summary>
    public void Store(Slot slot, ReadOnlySpan<byte> value, TResult result)
    {
        if (slot.Index < 0) return;
        value.CopyTo(_bytes.AsSpan(slot.Index * MaxBytes));
        _lengths[slot.Index] = (byte)value.Length;
        _results[slot.Index] = result;
        _checks[slot.Index] = slot.Check;
    }
}
