namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// The packet an ICMP error quotes: its IP header, transport ports and where its payload starts, so a
/// "port unreachable" or "redirect" can be matched to the SIP message that caused it. Quotes are usually cut
/// short (RFC 792 keeps only 8 bytes past the IP header), so whatever is missing is simply left unset.
/// </summary>
internal static class IcmpQuote
{
    public static void DecodeIpv4(ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame)
    {
        int available = packet.Length - offset;
        if (available < Ipv4Header.MinLength || packet[offset] >> 4 != 4)
            return;
        int headerLength = (packet[offset] & 0x0F) * 4;
        if (headerLength < Ipv4Header.MinLength || headerLength > available)
            return;
        frame.Layers |= FrameLayers.IcmpQuote;
        frame.QuotedSourceIp = NetAddress.FromV4(NetworkOrder.U32(packet, offset + Ipv4Header.SourceOffset));
        frame.QuotedDestinationIp = NetAddress.FromV4(NetworkOrder.U32(packet, offset + Ipv4Header.DestinationOffset));
        byte protocol = packet[offset + Ipv4Header.ProtocolOffset];
        frame.QuotedProtocol = protocol;
        frame.QuotedIpId = NetworkOrder.U16(packet, offset + Ipv4Header.IdentificationOffset);
        if ((NetworkOrder.U16(packet, offset + Ipv4Header.FlagsFragmentOffset) & Ipv4Header.FragmentOffsetMask) != 0)
            return; // a later fragment quotes no transport header
        int totalLength = NetworkOrder.U16(packet, offset + Ipv4Header.TotalLengthOffset);
        var quoted = totalLength >= headerLength && totalLength < available ? packet[..(offset + totalLength)] : packet;
        DecodeTransport(protocol, quoted, offset + headerLength, ref frame);
    }

    public static void DecodeIpv6(ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame)
    {
        int available = packet.Length - offset;
        if (available < Ipv6Header.Length || packet[offset] >> 4 != 6)
            return;
        frame.Layers |= FrameLayers.IcmpQuote;
        frame.QuotedSourceIp = NetAddress.FromV6(packet.Slice(offset + Ipv6Header.SourceOffset, 16));
        frame.QuotedDestinationIp = NetAddress.FromV6(packet.Slice(offset + Ipv6Header.DestinationOffset, 16));
        int payloadLength = NetworkOrder.U16(packet, offset + Ipv6Header.PayloadLengthOffset);
        var quoted = payloadLength != 0 && Ipv6Header.Length + payloadLength < available
            ? packet[..(offset + Ipv6Header.Length + payloadLength)]
            : packet;
        int position = offset + Ipv6Header.Length;
        byte next = packet[offset + Ipv6Header.NextHeaderOffset];
        bool complete = Ipv6ExtensionHeaders.Skip(quoted, ref position, ref next, out var fragment);
        frame.QuotedProtocol = next;
        if (complete && (!fragment.Present || fragment.Offset == 0))
            DecodeTransport(next, quoted, position, ref frame);
    }

    private static void DecodeTransport(byte protocol, ReadOnlySpan<byte> quoted, int offset, ref DecodedFrame frame)
    {
        if (protocol is not (IpProtocols.Udp or IpProtocols.Tcp) || quoted.Length - offset < 4)
            return;
        frame.QuotedSourcePort = NetworkOrder.U16(quoted, offset);
        frame.QuotedDestinationPort = NetworkOrder.U16(quoted, offset + 2);
        int headerLength = UdpHeader.Length;
        if (protocol == IpProtocols.Tcp)
        {
            if (quoted.Length - offset <= TcpHeader.DataOffsetOffset)
                return;
            headerLength = (quoted[offset + TcpHeader.DataOffsetOffset] >> 4) * 4;
            if (headerLength < TcpHeader.MinLength)
                return;
        }
        if (quoted.Length - offset < headerLength)
            return;
        frame.QuotedPayloadOffset = offset + headerLength;
        frame.QuotedPayloadLength = quoted.Length - frame.QuotedPayloadOffset;
    }
}
