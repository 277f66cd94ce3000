namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>TCP header (RFC 9293); options are skipped by the data offset.</summary>
internal static class TcpHeader
{
    public const int SourcePortOffset = 0;
    public const int DestinationPortOffset = 2;
    public const int SequenceOffset = 4;
    public const int AcknowledgmentOffset = 8;
    public const int DataOffsetOffset = 12;
    public const int FlagsOffset = 13;
    public const int WindowOffset = 14;
    public const int MinLength = 20;

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame)
    {
        int available = packet.Length - offset;
        if (available < MinLength)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.Layers |= FrameLayers.Tcp;
        frame.SourcePort = NetworkOrder.U16(packet, offset + SourcePortOffset);
        frame.DestinationPort = NetworkOrder.U16(packet, offset + DestinationPortOffset);
        frame.TcpSequence = NetworkOrder.U32(packet, offset + SequenceOffset);
        frame.TcpAcknowledgment = NetworkOrder.U32(packet, offset + AcknowledgmentOffset);
        frame.TcpFlags = packet[offset + FlagsOffset];
        frame.TcpWindow = NetworkOrder.U16(packet, offset + WindowOffset);
        int headerLength = (packet[offset + DataOffsetOffset] >> 4) * 4;
        if (headerLength < MinLength)
        {
            frame.Layers |= FrameLayers.Malformed;
            frame.PayloadOffset = packet.Length;
            return;
        }
        if (headerLength > available)
        {
            frame.Layers |= FrameLayers.Truncated;
            frame.PayloadOffset = packet.Length;
            return;
        }
        frame.PayloadOffset = offset + headerLength;
        frame.PayloadLength = available - headerLength;
    }
}
