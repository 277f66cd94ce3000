namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>UDP header (RFC 768).</summary>
internal static class UdpHeader
{
    public const int SourcePortOffset = 0;
    public const int DestinationPortOffset = 2;
    public const int LengthOffset = 4;
    public const int Length = 8;

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame)
    {
        int available = packet.Length - offset;
        if (available < Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.Layers |= FrameLayers.Udp;
        frame.SourcePort = NetworkOrder.U16(packet, offset + SourcePortOffset);
        frame.DestinationPort = NetworkOrder.U16(packet, offset + DestinationPortOffset);
        int udpLength = NetworkOrder.U16(packet, offset + LengthOffset);
        if (udpLength == 0)
            udpLength = available; // IPv6 jumbogram / offload
        else if (udpLength < Length)
        {
            frame.Layers |= FrameLayers.Malformed;
            udpLength = available;
        }
        frame.PayloadOffset = offset + Length;
        frame.PayloadLength = Math.Min(udpLength, available) - Length;
    }
}
