using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// A 64-bit hash of a SIP message's bytes, to recognise the same message seen at two capture points (with the IP
/// id and ports); only ever compared within one run. Sixteen bytes per step, each a folded multiply of the running
/// value and the next two words with the process's keys (<see cref="PacketHash.Mix"/>, the chaining of foldhash),
/// so a sender cannot make two messages collide on purpose. Never 0, which means "no hash".
/// </summary>
public static class PayloadHash
{
    /// <remarks>
    /// Compiled optimized at its first call, with <see cref="PacketHash.MixInlined"/> in its loop. XXH3 (System.IO.Hashing), which it
    /// replaced, ran its quickly compiled first version for most of a 250,000-message flood: that version of its
    /// vectorised loop was 3 % of the whole run, the optimized one 0.1 %.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        int length = bytes.Length;
        ulong hash = (ulong)length;
        int i = 0;
        if (length >= 32)
        {
            // Two lanes of sixteen bytes each: each step's multiply waits for the one before it in its own lane
            // only, so the two run side by side (one lane made a SIP message's hash a chain of ~22 dependent
            // multiplies, 2 % of a SIP flood's steady state).
            ulong second = ~(ulong)length;
            for (; i + 32 <= length; i += 32)
            {
                hash = PacketHash.MixInlined(hash ^ Word(ref start, i), Word(ref start, i + 8));
                second = PacketHash.MixInlined(second ^ Word(ref start, i + 16), Word(ref start, i + 24));
            }
            hash = PacketHash.MixInlined(hash, second);
        }
        if (i + 16 <= length)
        {
            hash = PacketHash.MixInlined(hash ^ Word(ref start, i), Word(ref start, i + 8));
            i += 16;
        }
        if (i < length)
        {
            // The tail: the last sixteen bytes again when the message has them, else the few it has, zero-padded.
            ulong a, b;
            if (length >= 16)
            {
                a = Word(ref start, length - 16);
                b = Word(ref start, length - 8);
            }
            else
            {
                Span<byte> padded = stackalloc byte[16]; // zeroed: the project does not skip locals' init
                bytes.CopyTo(padded);
                a = BinaryPrimitives.ReadUInt64LittleEndian(padded);
                b = BinaryPrimitives.ReadUInt64LittleEndian(padded[8..]);
            }
            hash = PacketHash.MixInlined(hash ^ a, b);
        }
        hash = PacketHash.MixInlined(hash, (ulong)length);
        return hash == 0 ? 1 : hash;
    }

    // Eight bytes at a position the caller has checked, little-endian: no bounds check per word.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(ref byte start, int at)
    {
        ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, at));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }
}
