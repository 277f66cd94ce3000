using System.Buffers.Binary;
using System.Net;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// Builds frames byte by byte for unit tests (lengths filled in, checksums left zero: the decoder ignores them).
/// Each method wraps a payload in one header, so a test reads outside-in: Ethernet(Ipv4(Udp(sip))).
/// </summary>
public static class PacketBuilder
{
    public static readonly byte[] DestinationMac = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];
    public static readonly byte[] SourceMac = [0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb];

    public static byte[] Ethernet(ushort etherType, byte[] payload, params ushort[] vlanTags)
    {
        var frame = new List<byte>(DestinationMac.Concat(SourceMac));
        for (int i = 0; i < vlanTags.Length; i++)
        {
            // QinQ: the outer tag is an 802.1ad service tag, the others 802.1Q.
            frame.AddRange(Be16(i == 0 && vlanTags.Length > 1 ? (ushort)0x88A8 : (ushort)0x8100));
            frame.AddRange(Be16(vlanTags[i]));
        }
        frame.AddRange(Be16(etherType));
        frame.AddRange(payload);
        return [.. frame];
    }

    public static byte[] Ipv4(byte protocol, string source, string destination, byte[] payload, ushort id = 1,
        byte ttl = 64, int fragmentOffset = 0, bool moreFragments = false, byte[]? options = null)
    {
        int headerLength = 20 + (options?.Length ?? 0);
        var header = new byte[headerLength];
        header[0] = (byte)(0x40 | headerLength / 4);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(headerLength + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)((moreFragments ? 0x2000 : 0) | fragmentOffset / 8));
        header[8] = ttl;
        header[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(header, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(header, 16);
        options?.CopyTo(header, 20);
        return [.. header, .. payload];
    }

    /// <summary>IPv6 header; <paramref name="payload"/> starts with any extension headers (see <see cref="Ipv6Fragment"/>).</summary>
    public static byte[] Ipv6(byte nextHeader, string source, string destination, byte[] payload, byte hopLimit = 64)
    {
        var header = new byte[40];
        header[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)payload.Length);
        header[6] = nextHeader;
        header[7] = hopLimit;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(header, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(header, 24);
        return [.. header, .. payload];
    }

    public static byte[] Ipv6Fragment(byte nextHeader, uint id, int offset, bool more, byte[] data)
    {
        var header = new byte[8];
        header[0] = nextHeader;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(offset | (more ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), id);
        return [.. header, .. data];
    }

    public static byte[] Udp(ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(header, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(8 + payload.Length));
        return [.. header, .. payload];
    }

    public static byte[] Tcp(ushort sourcePort, ushort destinationPort, uint sequence, byte flags, byte[] payload)
    {
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), sequence);
        header[12] = 5 << 4;
        header[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 65535);
        return [.. header, .. payload];
    }

    /// <summary>ICMP or ICMPv6: type, code, checksum 0, the 4 type-specific bytes, then the body.</summary>
    public static byte[] Icmp(byte type, byte code, uint rest, byte[] body)
    {
        var header = new byte[8];
        header[0] = type;
        header[1] = code;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), rest);
        return [.. header, .. body];
    }

    /// <summary>An Ethernet frame between two given MACs (a router's, a server's) instead of the fixed pair.</summary>
    public static byte[] EthernetBetween(byte[] sourceMac, byte[] destinationMac, ushort etherType, byte[] payload)
    {
        var frame = Ethernet(etherType, payload);
        destinationMac.CopyTo(frame, 0);
        sourceMac.CopyTo(frame, 6);
        return frame;
    }

    /// <summary>An ARP packet for Ethernet/IPv4 (operation 1 request, 2 reply), for <see cref="EthernetBetween"/> with EtherType 0x0806.</summary>
    public static byte[] Arp(ushort operation, byte[] senderMac, string senderIp, byte[] targetMac, string targetIp)
    {
        var arp = new byte[28];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(2), 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(6), operation);
        senderMac.CopyTo(arp, 8);
        IPAddress.Parse(senderIp).GetAddressBytes().CopyTo(arp, 14);
        targetMac.CopyTo(arp, 18);
        IPAddress.Parse(targetIp).GetAddressBytes().CopyTo(arp, 24);
        return arp;
    }

    public static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    private static byte[] Be16(ushort value) => [(byte)(value >> 8), (byte)value];
}
