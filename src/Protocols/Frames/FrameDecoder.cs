namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// Decodes link, network and transport headers of one frame in place, without allocating.
/// </summary>
public static class FrameDecoder
{
    private const FrameLayers TransportLayers = FrameLayers.Udp | FrameLayers.Tcp | FrameLayers.Icmp
        | FrameLayers.Icmpv6 | FrameLayers.IcmpQuote | FrameLayers.NeighborDiscovery | FrameLayers.Fragment
        | FrameLayers.OtherIpProtocol | FrameLayers.Truncated | FrameLayers.Malformed | FrameLayers.PayloadTruncated;

    /// <summary>
    /// Decodes <paramref name="data"/> captured on a link of type <paramref name="linkType"/> into
    /// <paramref name="frame"/> (cleared first). Never throws on bad input: sets Truncated/Malformed/Unsupported,
    /// and <see cref="FrameLayers.LinkNotDecoded"/> when the link type is one it does not know.
    /// Returns true when an IP or ARP layer was found.
    /// </summary>
    public static bool Decode(int linkType, ReadOnlySpan<byte> data, ref DecodedFrame frame)
    {
        frame.Clear();
        switch (linkType)
        {
            case LinkTypes.LinuxSll:
                LinuxSllHeader.Decode(data, ref frame);
                break;
            case LinkTypes.LinuxSll2:
                LinuxSll2Header.Decode(data, ref frame);
                break;
            case LinkTypes.Nflog:
                NflogHeader.Decode(data, ref frame);
                break;
            case LinkTypes.Erf:
                ErfRecord.Decode(data, ref frame);
                break;
            case LinkTypes.Pktap:
                PktapHeader.Decode(data, ref frame);
                break;
            default:
                DecodeLink(linkType, data, 0, ref frame);
                break;
        }
        return frame.Has(FrameLayers.Ipv4 | FrameLayers.Ipv6 | FrameLayers.Arp);
    }

    /// <summary>
    /// The link types whose header may also start inside a frame, after another capture header (PKTAP's
    /// inner DLT): decoded from <paramref name="offset"/>.
    /// </summary>
    internal static void DecodeLink(int linkType, ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        switch (linkType)
        {
            case LinkTypes.Ethernet:
                EthernetHeader.Decode(data, offset, ref frame, 0);
                break;
            case LinkTypes.Raw or LinkTypes.RawOpenBsd or LinkTypes.RawBsdi:
                NetworkLayer.DecodeRawIp(data, offset, ref frame, 0);
                break;
            case LinkTypes.Ipv4:
                NetworkLayer.Decode(EtherTypes.Ipv4, data, offset, ref frame, 0);
                break;
            case LinkTypes.Ipv6:
                NetworkLayer.Decode(EtherTypes.Ipv6, data, offset, ref frame, 0);
                break;
            case LinkTypes.Null or LinkTypes.Loop:
                LoopbackHeader.Decode(data, offset, ref frame);
                break;
            case LinkTypes.Ppp or LinkTypes.PppHdlc:
                PppLink.Decode(data, offset, ref frame, 0);
                break;
            case LinkTypes.PppWithDirection:
                PppLink.Decode(data, offset + PppLink.DirectionLength, ref frame, 0);
                break;
            case LinkTypes.CiscoHdlc:
                CiscoHdlcHeader.Decode(data, offset, ref frame, 0);
                break;
            case LinkTypes.CiscoHdlcWithDirection:
                CiscoHdlcHeader.Decode(data, offset + PppLink.DirectionLength, ref frame, 0);
                break;
            case LinkTypes.PppEther:
                PppoeHeader.Decode(data, offset, ref frame, 0);
                break;
            default:
                frame.Layers |= FrameLayers.Unsupported | FrameLayers.LinkNotDecoded;
                break;
        }
    }

    /// <summary>
    /// Decodes the transport header at the start of a reassembled IP payload (see IpReassembler) into
    /// <paramref name="frame"/>, which keeps the link and IP fields of the fragment that completed it. Transport
    /// fields are replaced, Fragment is cleared and Reassembled set: PayloadOffset, QuotedPayloadOffset refer to
    /// <paramref name="ipPayload"/>. IPv6 extension headers that were inside the fragmentable part are skipped.
    /// <paramref name="ipProtocol"/> is the fragments' protocol (<see cref="DecodedFrame.FragmentProtocol"/>).
    /// </summary>
    public static void DecodeTransport(byte ipProtocol, ReadOnlySpan<byte> ipPayload, ref DecodedFrame frame)
    {
        ClearTransport(ref frame);
        frame.Layers |= FrameLayers.Reassembled;
        int offset = 0;
        if (frame.Has(FrameLayers.Ipv6) && !Ipv6ExtensionHeaders.Skip(ipPayload, ref offset, ref ipProtocol, out _))
        {
            frame.IpProtocol = ipProtocol;
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.IpProtocol = ipProtocol;
        TransportLayer.Decode(ipProtocol, ipPayload, offset, ref frame, TransportLayer.NoTunnels);
    }

    private static void ClearTransport(ref DecodedFrame frame)
    {
        frame.Layers &= ~TransportLayers;
        frame.FragmentOffset = 0;
        frame.MoreFragments = false;
        frame.SourcePort = frame.DestinationPort = 0;
        frame.TcpSequence = frame.TcpAcknowledgment = 0;
        frame.TcpFlags = 0;
        frame.TcpWindow = 0;
        frame.PayloadOffset = frame.PayloadLength = 0;
        frame.IcmpType = frame.IcmpCode = 0;
        frame.IcmpGateway = default;
        frame.QuotedSourceIp = frame.QuotedDestinationIp = default;
        frame.QuotedProtocol = 0;
        frame.QuotedIpId = frame.QuotedSourcePort = frame.QuotedDestinationPort = 0;
        frame.QuotedPayloadOffset = frame.QuotedPayloadLength = 0;
        frame.ArpOperation = 0;
        frame.ArpSenderMac = frame.ArpTargetMac = default;
        frame.ArpSenderIp = frame.ArpTargetIp = default;
        frame.NdFlags = 0;
    }
}
