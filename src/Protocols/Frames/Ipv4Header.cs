namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>IPv4 header (RFC 791), options skipped by IHL.</summary>
internal static class Ipv4Header
{
    public const int VersionIhlOffset = 0;
    public const int TosOffset = 1;
    public const int TotalLengthOffset = 2;
    public const int IdentificationOffset = 4;
    public const int FlagsFragmentOffset = 6;
    public const int TtlOffset = 8;
    public const int ProtocolOffset = 9;
    public const int SourceOffset = 12;
    public const int DestinationOffset = 16;
    public const int MinLength = 20;
    public const ushort MoreFragmentsFlag = 0x2000;
    public const ushort FragmentOffsetMask = 0x1FFF;

    public static void Decode(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame, int depth)
    {
        int available = data.Length - offset;
        if (available < MinLength)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        byte versionIhl = data[offset + VersionIhlOffset];
        int headerLength = (versionIhl & 0x0F) * 4;
        if (versionIhl >> 4 != 4 || headerLength < MinLength)
        {
            frame.Layers |= FrameLayers.Malformed;
            return;
        }
        frame.Layers |= FrameLayers.Ipv4;
        frame.IpOffset = offset;
        frame.IpHeaderLength = headerLength;
        frame.Dscp = (byte)(data[offset + TosOffset] >> 2);
        frame.IpId = NetworkOrder.U16(data, offset + IdentificationOffset);
        frame.Ttl = data[offset + TtlOffset];
        byte protocol = data[offset + ProtocolOffset];
        frame.IpProtocol = protocol;
        frame.SourceIp = NetAddress.FromV4(NetworkOrder.U32(data, offset + SourceOffset));
        frame.DestinationIp = NetAddress.FromV4(NetworkOrder.U32(data, offset + DestinationOffset));
        if (available < headerLength)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }

        int totalLength = NetworkOrder.U16(data, offset + TotalLengthOffset);
        if (totalLength == 0)
            totalLength = available; // TCP segmentation offload: the NIC fills the length in later
        else if (totalLength < headerLength)
        {
            frame.Layers |= FrameLayers.Malformed;
            return;
        }
        frame.IpTotalLength = totalLength;
        if (totalLength > available)
            frame.Layers |= FrameLayers.PayloadTruncated;
        // Everything past the IP length is Ethernet padding or FCS: cut it off for all inner layers.
        var packet = data[..(offset + Math.Min(totalLength, available))];
        int payload = offset + headerLength;

        ushort flagsFragment = NetworkOrder.U16(data, offset + FlagsFragmentOffset);
        int fragmentOffset = (flagsFragment & FragmentOffsetMask) * 8;
        bool more = (flagsFragment & MoreFragmentsFlag) != 0;
        if (!more && fragmentOffset == 0)
        {
            TransportLayer.Decode(protocol, packet, payload, ref frame, depth);
            return;
        }
        frame.Layers |= FrameLayers.Fragment;
        frame.FragmentId = frame.IpId;
        frame.FragmentOffset = fragmentOffset;
        frame.MoreFragments = more;
        frame.FragmentProtocol = protocol;
        if (fragmentOffset == 0)
            TransportLayer.Decode(protocol, packet, payload, ref frame, TransportLayer.NoTunnels);
        frame.PayloadOffset = payload;
        frame.PayloadLength = packet.Length - payload;
    }
}
