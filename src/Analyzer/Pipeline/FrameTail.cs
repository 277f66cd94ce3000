using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Copies a decoded frame into a hand-off slot without writing the part a plain UDP or TCP frame leaves empty: the
/// fields from <see cref="DecodedFrame.IcmpType"/> on (ICMP, quoted headers, ARP and ND, tunnels), well over half
/// of the struct. The slot's bytes are the same as after a whole copy; the reader's thread only skips writing
/// lines the engines' thread would then have to fetch from the other core, for the RTP and SIP packets that are
/// nearly all of a capture.
/// </summary>
internal static class FrameTail
{
    /// <summary>Where the tail starts: the offset of <see cref="DecodedFrame.IcmpType"/>, whatever layout the runtime chose.</summary>
    internal static readonly int Start = TailOffset();

    private static readonly int Size = Unsafe.SizeOf<DecodedFrame>();

    /// <summary>Copies <paramref name="source"/> into <paramref name="slot"/> byte for byte.</summary>
    /// <param name="slotTailSet">Whether the slot's tail may hold anything but zeros (a previous frame's fields);
    /// updated to what the slot's tail holds after the copy.</param>
    public static void Copy(in DecodedFrame source, ref DecodedFrame slot, ref bool slotTailSet)
    {
        ref byte from = ref Unsafe.As<DecodedFrame, byte>(ref Unsafe.AsRef(in source));
        ref byte to = ref Unsafe.As<DecodedFrame, byte>(ref slot);
        Unsafe.CopyBlockUnaligned(ref to, ref from, (uint)Start);
        // The decoder clears the whole frame (padding included) before each packet, so an unused tail is all zeros.
        var tail = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref from, Start), Size - Start);
        bool sourceTailSet = tail.IndexOfAnyExcept((byte)0) >= 0;
        if (sourceTailSet || slotTailSet)
            tail.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref to, Start), Size - Start));
        slotTailSet = sourceTailSet;
    }

    private static int TailOffset()
    {
        var probe = default(DecodedFrame);
        return (int)Unsafe.ByteOffset(ref Unsafe.As<DecodedFrame, byte>(ref probe), ref probe.IcmpType);
    }
}
