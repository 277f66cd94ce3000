using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// BSD loopback: a 4-byte address family. NULL (0) writes it in the capturing host's byte order, LOOP (108)
/// in network order; both orders are tried because the file does not say which host wrote it.
/// </summary>
internal static class LoopbackHeader
{
    public const int FamilyOffset = 0;
    public const int Length = 4;

    private const uint AfInet = 2;
    private const uint AfInet6NetBsd = 24;   // NetBSD, OpenBSD, BSD/OS
    private const uint AfInet6FreeBsd = 28;  // FreeBSD, DragonFly
    private const uint AfInet6Darwin = 30;   // macOS, iOS
    private const uint AfInet6Linux = 10;

    public static void Decode(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        if (data.Length - offset < Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.Layers |= FrameLayers.Loopback;
        uint family = BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
        if (family > 0xFFFF)
            family = BinaryPrimitives.ReverseEndianness(family);
        ushort type = family switch
        {
            AfInet => EtherTypes.Ipv4,
            AfInet6NetBsd or AfInet6FreeBsd or AfInet6Darwin or AfInet6Linux => EtherTypes.Ipv6,
            _ => 0,
        };
        if (type == 0)
        {
            // Some old Linux captures put an EtherType in the last two bytes instead (Wireshark accepts it).
            ushort etherType = NetworkOrder.U16(data, offset + 2);
            if (etherType is EtherTypes.Ipv4 or EtherTypes.Ipv6)
            {
                NetworkLayer.Decode(etherType, data, offset + Length, ref frame, 0);
                return;
            }
            frame.Layers |= FrameLayers.Unsupported;
            return;
        }
        NetworkLayer.Decode(type, data, offset + Length, ref frame, 0);
    }
}
