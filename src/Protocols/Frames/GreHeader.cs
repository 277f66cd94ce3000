namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// GRE (RFC 2784/2890, PPTP's version 1) and what it carries: IP, Ethernet (transparent bridging), ERSPAN
/// mirrored frames, PPP. Mirrored SIP arrives this way from SPAN sessions, so the inner packet is decoded.
/// </summary>
internal static class GreHeader
{
    public const int FlagsOffset = 0;
    public const int ProtocolOffset = 2;
    public const int BaseLength = 4;
    public const ushort ChecksumPresent = 0x8000;
    public const ushort RoutingPresent = 0x4000;
    public const ushort KeyPresent = 0x2000;
    public const ushort SequencePresent = 0x1000;
    public const ushort AcknowledgmentPresent = 0x0080;
    public const ushort VersionMask = 0x0007;

    // ERSPAN type II header is 8 bytes; type III 12, plus an 8-byte platform sub-header when its O bit is set.
    public const int ErspanTypeIILength = 8;
    public const int ErspanTypeIIILength = 12;
    public const int ErspanTypeIIIFlagsOffset = 11;
    public const int ErspanPlatformSubheaderLength = 8;

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame, int depth)
    {
        int available = packet.Length - offset;
        if (available < BaseLength)
        {
            Other(packet, offset, ref frame, FrameLayers.Truncated);
            return;
        }
        ushort flags = NetworkOrder.U16(packet, offset + FlagsOffset);
        ushort protocol = NetworkOrder.U16(packet, offset + ProtocolOffset);
        int length = BaseLength;
        if ((flags & (ChecksumPresent | RoutingPresent)) != 0)
            length += 4;
        if ((flags & KeyPresent) != 0)
            length += 4;
        if ((flags & SequencePresent) != 0)
            length += 4;
        if ((flags & VersionMask) == 1 && (flags & AcknowledgmentPresent) != 0)
            length += 4;
        if ((flags & RoutingPresent) != 0)
        {
            Other(packet, offset, ref frame, FrameLayers.None); // source routing entries: obsolete (RFC 2784)
            return;
        }
        if (available < length)
        {
            Other(packet, offset, ref frame, FrameLayers.Truncated);
            return;
        }
        DecodePayload(protocol, flags, packet, offset + length, ref frame, depth);
    }

    private static void DecodePayload(ushort protocol, ushort flags, ReadOnlySpan<byte> packet, int offset,
        ref DecodedFrame frame, int depth)
    {
        int available = packet.Length - offset;
        switch (protocol)
        {
            case EtherTypes.Ipv4 or EtherTypes.Ipv6:
                EnterIp(protocol, packet, offset, ref frame, depth);
                return;
            case EtherTypes.TransparentEthernetBridging:
                Tunnel.EnterEthernet(ref frame, IpProtocols.Gre);
                EthernetHeader.Decode(packet, offset, ref frame, depth);
                return;
            case EtherTypes.ErspanTypeII:
                // Type I has neither a sequence number nor an ERSPAN header.
                int header = (flags & SequencePresent) != 0 ? ErspanTypeIILength : 0;
                if (available < header)
                    break;
                Tunnel.EnterEthernet(ref frame, IpProtocols.Gre);
                EthernetHeader.Decode(packet, offset + header, ref frame, depth);
                return;
            case EtherTypes.ErspanTypeIII:
                if (available < ErspanTypeIIILength)
                    break;
                int length = ErspanTypeIIILength
                    + ((packet[offset + ErspanTypeIIIFlagsOffset] & 1) != 0 ? ErspanPlatformSubheaderLength : 0);
                if (available < length)
                    break;
                Tunnel.EnterEthernet(ref frame, IpProtocols.Gre);
                EthernetHeader.Decode(packet, offset + length, ref frame, depth);
                return;
            case EtherTypes.Ppp:
                if (DecodePpp(packet, offset, ref frame, depth))
                    return;
                break;
        }
        Other(packet, offset, ref frame, FrameLayers.None);
    }

    private static bool DecodePpp(ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame, int depth)
    {
        if (!PppHeader.TryReadIp(packet, ref offset, out ushort etherType))
            return false;
        EnterIp(etherType, packet, offset, ref frame, depth);
        return true;
    }

    private static void EnterIp(ushort etherType, ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame, int depth)
    {
        Tunnel.EnterIp(ref frame, IpProtocols.Gre);
        NetworkLayer.Decode(etherType, packet, offset, ref frame, depth);
    }

    /// <summary>GRE whose payload is not decoded: the outer IP stays, GRE counts as another IP protocol.</summary>
    private static void Other(ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame, FrameLayers extra)
    {
        frame.Layers |= FrameLayers.OtherIpProtocol | extra;
        frame.PayloadOffset = offset;
        frame.PayloadLength = Math.Max(0, packet.Length - offset);
    }
}
