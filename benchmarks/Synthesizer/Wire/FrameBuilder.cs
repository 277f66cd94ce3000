using System.Buffers.Binary;

namespace PcapSipAnalyzer.Synthesizer.Wire;

/// <summary>
/// Fills in Ethernet, IPv4, UDP, TCP and ARP headers around a payload the caller already wrote in place,
/// with correct IPv4 header, UDP and TCP checksums.
/// </summary>
public static class FrameBuilder
{
    public const int EthernetLength = 14;
    public const int Ipv4Length = 20;
    public const int UdpPayloadOffset = EthernetLength + Ipv4Length + 8;
    public const int TcpPayloadOffset = EthernetLength + Ipv4Length + 20;
    public const int ArpFrameLength = 42;

    public const byte TcpFin = 0x01, TcpSyn = 0x02, TcpPsh = 0x08, TcpAck = 0x10;

    public static void WriteMac(Span<byte> target, ulong mac)
    {
        BinaryPrimitives.WriteUInt16BigEndian(target, (ushort)(mac >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(target[2..], (uint)mac);
    }

    public static void WriteEthernet(Span<byte> frame, ulong destination, ulong source, ushort etherType)
    {
        WriteMac(frame, destination);
        WriteMac(frame[6..], source);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
    }

    /// <summary>Writes a 20-byte IPv4 header with its checksum.</summary>
    public static void WriteIpv4(Span<byte> ip, uint source, uint destination, byte protocol, int totalLength,
        ushort id, ushort flagsAndOffset, byte ttl)
    {
        ip[0] = 0x45;
        ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], id);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], flagsAndOffset);
        ip[8] = ttl;
        ip[9] = protocol;
        ip[10] = 0;
        ip[11] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination);
        InternetChecksum.Store(ip[10..], InternetChecksum.Accumulate(ip[..Ipv4Length], 0));
    }

    /// <summary>
    /// Completes a UDP datagram whose payload is already at <see cref="UdpPayloadOffset"/>.
    /// <paramref name="destinationMac"/> 0 means the destination host's link MAC.
    /// </summary>
    /// <returns>The frame length.</returns>
    public static int FinishUdp(Span<byte> frame, Host source, ushort sourcePort, Host destination,
        ushort destinationPort, int payloadLength, ulong destinationMac = 0, bool checksum = true)
    {
        int udpLength = 8 + payloadLength;
        WriteEthernet(frame, destinationMac != 0 ? destinationMac : destination.LinkMac, source.LinkMac, 0x0800);
        WriteIpv4(frame[EthernetLength..], source.Ip, destination.Ip, 17, Ipv4Length + udpLength,
            source.NextIpId++, 0, source.Ttl);
        var udp = frame.Slice(EthernetLength + Ipv4Length, udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        udp[6] = 0;
        udp[7] = 0;
        if (checksum)
            InternetChecksum.Store(udp[6..], InternetChecksum.Accumulate(udp, PseudoHeader(frame, 17, udpLength)), true);
        return UdpPayloadOffset + payloadLength;
    }

    /// <summary>Completes a TCP segment (no options) whose payload is already at <see cref="TcpPayloadOffset"/>.</summary>
    public static int FinishTcp(Span<byte> frame, Host source, ushort sourcePort, Host destination,
        ushort destinationPort, uint sequence, uint acknowledgement, byte flags, int payloadLength)
    {
        int tcpLength = 20 + payloadLength;
        WriteEthernet(frame, destination.LinkMac, source.LinkMac, 0x0800);
        WriteIpv4(frame[EthernetLength..], source.Ip, destination.Ip, 6, Ipv4Length + tcpLength,
            source.NextIpId++, 0x4000, source.Ttl);
        var tcp = frame.Slice(EthernetLength + Ipv4Length, tcpLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], (flags & TcpAck) != 0 ? acknowledgement : 0);
        tcp[12] = 5 << 4;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        tcp[16] = 0;
        tcp[17] = 0;
        tcp[18] = 0;
        tcp[19] = 0;
        InternetChecksum.Store(tcp[16..], InternetChecksum.Accumulate(tcp, PseudoHeader(frame, 6, tcpLength)));
        return TcpPayloadOffset + payloadLength;
    }

    /// <summary>
    /// Writes an ICMP redirect for host (type 5, code 1) from <paramref name="router"/> to <paramref name="target"/>,
    /// naming <paramref name="gateway"/> and quoting the offending datagram's IP header and first 8 bytes.
    /// </summary>
    /// <returns>The frame length.</returns>
    public static int WriteIcmpRedirect(Span<byte> frame, Host router, Host target, uint gateway, ReadOnlySpan<byte> quoted)
    {
        int icmpLength = 8 + quoted.Length;
        WriteEthernet(frame, target.LinkMac, router.LinkMac, 0x0800);
        WriteIpv4(frame[EthernetLength..], router.Ip, target.Ip, 1, Ipv4Length + icmpLength, router.NextIpId++, 0, router.Ttl);
        var icmp = frame.Slice(EthernetLength + Ipv4Length, icmpLength);
        icmp[0] = 5;
        icmp[1] = 1;
        icmp[2] = 0;
        icmp[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(icmp[4..], gateway);
        quoted.CopyTo(icmp[8..]);
        InternetChecksum.Store(icmp[2..], InternetChecksum.Accumulate(icmp, 0));
        return EthernetLength + Ipv4Length + icmpLength;
    }

    /// <summary>Writes an Ethernet + ARP frame (42 bytes, or padded to 60 when it comes from another host).</summary>
    public static int WriteArp(Span<byte> frame, bool reply, ulong senderMac, uint senderIp, ulong targetMac,
        uint targetIp, bool padded)
    {
        WriteEthernet(frame, reply ? targetMac : 0xFFFF_FFFF_FFFFUL, senderMac, 0x0806);
        var arp = frame[EthernetLength..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], (ushort)(reply ? 2 : 1));
        WriteMac(arp[8..], senderMac);
        BinaryPrimitives.WriteUInt32BigEndian(arp[14..], senderIp);
        WriteMac(arp[18..], reply ? targetMac : 0);
        BinaryPrimitives.WriteUInt32BigEndian(arp[24..], targetIp);
        if (!padded) return ArpFrameLength;
        frame[ArpFrameLength..60].Clear();
        return 60;
    }

    /// <summary>Sum of the pseudo header, read from the IPv4 header already written into the frame.</summary>
    private static ulong PseudoHeader(Span<byte> frame, byte protocol, int length)
    {
        Span<byte> pseudo = stackalloc byte[12];
        frame.Slice(EthernetLength + 12, 8).CopyTo(pseudo);
        pseudo[8] = 0;
        pseudo[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo[10..], (ushort)length);
        return InternetChecksum.Accumulate(pseudo, 0);
    }
}
