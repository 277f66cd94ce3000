using System.Buffers.Binary;
using System.Runtime.CompilerServices;
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
    /// Compiled optimized at its first call, as <see cref="PacketHash.Mix"/> is. XXH3 (System.IO.Hashing), which it
    /// replaced, ran its quickly compiled first version for most of a 250,000-message flood: that version of its
    /// vectorised loop was 3 % of the whole run, the optimized one 0.1 %.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        ulong hash = (ulong)bytes.Length;
        int i = 0;
        for (; i + 16 <= bytes.Length; i += 16)
            hash = PacketHash.Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..]),
                BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i + 8)..]));
        if (i < bytes.Length)
        {
            // The tail: the last sixteen bytes again when the message has them, else the few it has, zero-padded.
            ulong a, b;
            if (bytes.Length >= 16)
            {
                a = BinaryPrimitives.ReadUInt64LittleEndian(bytes[^16..]);
                b = BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]);
            }
            else
            {
                Span<byte> padded = stackalloc byte[16]; // zeroed: the project does not skip locals' init
                bytes.CopyTo(padded);
                a = BinaryPrimitives.ReadUInt64LittleEndian(padded);
                b = BinaryPrimitives.ReadUInt64LittleEndian(padded[8..]);
            }
            hash = PacketHash.Mix(hash ^ a, b);
        }
        hash = PacketHash.Mix(hash, (ulong)bytes.Length);
        return hash == 0 ? 1 : hash;
    }
}
