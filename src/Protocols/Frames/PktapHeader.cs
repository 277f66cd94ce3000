using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// Apple PKTAP (LINKTYPE_PKTAP, 258; tcpdump -i pktap on macOS and iOS): a header in host (little-endian)
/// order that gives its own length, a record type and the DLT of the frame after it (Ethernet, loopback,
/// raw IP, PPP …), plus the interface and process, which are not needed here.
/// </summary>
internal static class PktapHeader
{
    public const int LengthOffset = 0;
    public const int RecordTypeOffset = 4;
    public const int LinkTypeOffset = 8;
    /// <summary>The header of the first macOS release that wrote it; later ones only grew it.</summary>
    public const int MinLength = 108;
    public const uint PacketRecord = 1;

    public static void Decode(ReadOnlySpan<byte> data, ref DecodedFrame frame)
    {
        if (data.Length < MinLength)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(data[LengthOffset..]);
        if (length < MinLength || length > (uint)data.Length)
        {
            frame.Layers |= length < MinLength ? FrameLayers.Malformed : FrameLayers.Truncated;
            return;
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(data[RecordTypeOffset..]) != PacketRecord)
        {
            frame.Layers |= FrameLayers.Unsupported;
            return;
        }
        uint linkType = BinaryPrimitives.ReadUInt32LittleEndian(data[LinkTypeOffset..]);
        // A DLT_ value; those an Apple interface has are the same numbers as their LINKTYPE_.
        FrameDecoder.DecodeLink(linkType > int.MaxValue ? -1 : (int)linkType, data, (int)length, ref frame);
    }
}
