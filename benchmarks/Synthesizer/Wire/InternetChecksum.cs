using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PcapSipAnalyzer.Synthesizer.Wire;

/// <summary>
/// RFC 1071 one's-complement sum. Words are summed in native (little-endian) order, 32 bits at a time into a
/// 64-bit accumulator; the folded result is then stored in native order too, which yields the same bytes on
/// the wire as a big-endian computation.
/// </summary>
public static class InternetChecksum
{
    public static ulong Accumulate(ReadOnlySpan<byte> data, ulong sum)
    {
        ref byte start = ref MemoryMarshal.GetReference(data);
        int i = 0, n = data.Length;
        for (; i + 8 <= n; i += 8)
        {
            ulong v = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i));
            sum += (v & 0xFFFF_FFFF) + (v >> 32);
        }
        for (; i + 2 <= n; i += 2) sum += Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, i));
        if (i < n) sum += Unsafe.Add(ref start, i);
        return sum;
    }

    /// <summary>Folds the sum, complements it and stores it at <paramref name="target"/>.</summary>
    public static void Store(Span<byte> target, ulong sum, bool zeroMeansNone = false)
    {
        while (sum >> 16 != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        ushort value = (ushort)~sum;
        // In UDP an all-zero checksum means "none", so a computed zero is sent as all ones.
        if (zeroMeansNone && value == 0) value = 0xFFFF;
        MemoryMarshal.Write(target, in value);
    }
}
