using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace PcapSipAnalyzer.Protocols.Sdp;

/// <summary>
/// The same payload-type list for the same m= line formats: a phone offers "0 8 101" in every description it
/// sends, and each description stays with every copy of its message. A small lossy table per thread (a slot per
/// hash, the newest list wins) hands out one shared immutable array; a collision, even a crafted one, only costs
/// a new array.
/// </summary>
internal static class SdpPayloadTypeCache
{
    private const int SlotBits = 6;
    [ThreadStatic] private static int[]?[]? t_lists;

    public static ImmutableArray<int> Of(ReadOnlySpan<int> types)
    {
        if (types.IsEmpty) return ImmutableArray<int>.Empty;
        var lists = t_lists ??= new int[]?[1 << SlotBits];
        uint h = (uint)types.Length * 0x9E3779B1u;
        foreach (int t in types) h = (h ^ (uint)t) * 0x9E3779B1u;
        ref int[]? slot = ref lists[(int)(h >> (32 - SlotBits))];
        if (slot is null || !types.SequenceEqual(slot)) slot = types.ToArray();
        return ImmutableCollectionsMarshal.AsImmutableArray(slot);
    }
}
