namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>Dispatch on the EtherType to IPv4, IPv6, ARP, or the PPPoE/MPLS shims in front of IP.</summary>
internal static class NetworkLayer
{
    public static void Decode(ushort etherType, ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame, int depth)
    {
        frame.EtherType = etherType;
        switch (etherType)
        {
            case EtherTypes.Ipv4:
                Ipv4Header.Decode(data, offset, ref frame, depth);
                break;
            case EtherTypes.Ipv6:
                Ipv6Header.Decode(data, offset, ref frame, depth);
                break;
            case EtherTypes.Arp or EtherTypes.Rarp:
                ArpPacket.Decode(data, offset, ref frame);
                break;
            case EtherTypes.PppoeSession:
                PppoeHeader.Decode(data, offset, ref frame, depth);
                break;
            case EtherTypes.MplsUnicast or EtherTypes.MplsMulticast:
                MplsLabelStack.Decode(data, offset, ref frame, depth);
                break;
            default:
                frame.Layers |= FrameLayers.Unsupported;
                break;
        }
    }

    /// <summary>Raw IP link types carry no type field: the version nibble says which IP it is.</summary>
    public static void DecodeRawIp(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame, int depth)
    {
        if (data.Length <= offset)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        switch (data[offset] >> 4)
        {
            case 4:
                Decode(EtherTypes.Ipv4, data, offset, ref frame, depth);
                break;
            case 6:
                Decode(EtherTypes.Ipv6, data, offset, ref frame, depth);
                break;
            default:
                frame.Layers |= FrameLayers.Malformed;
                break;
        }
    }
}
