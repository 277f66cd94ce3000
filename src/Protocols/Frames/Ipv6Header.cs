namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>IPv6 fixed header (RFC 8200) and its extension headers.</summary>
internal static class Ipv6Header
{
    public const int VersionClassFlowOffset = 0;
    public const int PayloadLengthOffset = 4;
    public const int NextHeaderOffset = 6;
    public const int HopLimitOffset = 7;
    public const int SourceOffset = 8;
    public const int DestinationOffset = 24;
    public const int Length = 40;

    public static void Decode(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame, int depth)
    {
        int available = data.Length - offset;
        if (available < Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        ushort versionClass = NetworkOrder.U16(data, offset + VersionClassFlowOffset);
        if (versionClass >> 12 != 6)
        {
            frame.Layers |= FrameLayers.Malformed;
            return;
        }
        frame.Layers |= FrameLayers.Ipv6;
        frame.IpOffset = offset;
        frame.Dscp = (byte)((versionClass >> 6) & 0x3F);
        frame.Ttl = data[offset + HopLimitOffset];
        frame.SourceIp = NetAddress.FromV6(data.Slice(offset + SourceOffset, 16));
        frame.DestinationIp = NetAddress.FromV6(data.Slice(offset + DestinationOffset, 16));

        int payloadLength = NetworkOrder.U16(data, offset + PayloadLengthOffset);
        // 0 = jumbogram (RFC 2675) or segmentation offload: take what was captured.
        int totalLength = payloadLength == 0 ? available : Length + payloadLength;
        frame.IpTotalLength = totalLength;
        if (totalLength > available)
            frame.Layers |= FrameLayers.PayloadTruncated;
        var packet = data[..(offset + Math.Min(totalLength, available))];

        int position = offset + Length;
        byte next = data[offset + NextHeaderOffset];
        bool complete = Ipv6ExtensionHeaders.Skip(packet, ref position, ref next, out var fragment);
        frame.IpHeaderLength = position - offset;
        frame.IpProtocol = next;
        if (!complete)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        if (!fragment.Present || fragment.IsAtomic)
        {
            TransportLayer.Decode(next, packet, position, ref frame, depth);
            return;
        }
        frame.Layers |= FrameLayers.Fragment;
        frame.FragmentId = fragment.Id;
        frame.FragmentOffset = fragment.Offset;
        frame.MoreFragments = fragment.More;
        frame.FragmentProtocol = fragment.NextHeader;
        if (fragment.Offset == 0)
            TransportLayer.Decode(next, packet, position, ref frame, TransportLayer.NoTunnels);
        frame.PayloadOffset = fragment.DataOffset;
        frame.PayloadLength = packet.Length - fragment.DataOffset;
    }
}
