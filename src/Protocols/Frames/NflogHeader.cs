using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// Linux NFLOG (LINKTYPE_NFLOG, 239): a 4-byte header, then TLVs in host (little-endian) order; the packet is the
/// NFULA_PAYLOAD TLV, an IP packet.
/// </summary>
internal static class NflogHeader
{
    public const int FamilyOffset = 0;
    public const int Length = 4;
    public const int TlvHeaderLength = 4;
    public const ushort PayloadType = 9;

    public static void Decode(ReadOnlySpan<byte> data, ref DecodedFrame frame)
    {
        if (data.Length < Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.Layers |= FrameLayers.Nflog;
        for (int offset = Length; data.Length - offset >= TlvHeaderLength;)
        {
            int length = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(offset, 2));
            int type = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(offset + 2, 2)) & 0x7FFF;
            if (length < TlvHeaderLength || length > data.Length - offset)
            {
                frame.Layers |= FrameLayers.Malformed;
                return;
            }
            if (type == PayloadType)
            {
                NetworkLayer.DecodeRawIp(data[..(offset + length)], offset + TlvHeaderLength, ref frame, 0);
                return;
            }
            offset += (length + 3) & ~3; // TLVs are padded to 4 bytes
        }
        frame.Layers |= FrameLayers.Unsupported;
    }
}
