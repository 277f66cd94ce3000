namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>ICMP for IPv4 (RFC 792): type, code, the redirect gateway and the packet quoted by errors.</summary>
internal static class IcmpHeader
{
    public const int TypeOffset = 0;
    public const int CodeOffset = 1;
    public const int GatewayOffset = 4;
    public const int Length = 8;

    public const byte DestinationUnreachable = 3;
    public const byte SourceQuench = 4;
    public const byte Redirect = 5;
    public const byte TimeExceeded = 11;
    public const byte ParameterProblem = 12;

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame)
    {
        int available = packet.Length - offset;
        if (available < 2)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.Layers |= FrameLayers.Icmp;
        byte type = packet[offset + TypeOffset];
        frame.IcmpType = type;
        frame.IcmpCode = packet[offset + CodeOffset];
        if (available < Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.PayloadOffset = offset + Length;
        frame.PayloadLength = available - Length;
        if (type == Redirect)
            frame.IcmpGateway = NetAddress.FromV4(NetworkOrder.U32(packet, offset + GatewayOffset));
        if (type is DestinationUnreachable or SourceQuench or Redirect or TimeExceeded or ParameterProblem)
            IcmpQuote.DecodeIpv4(packet, offset + Length, ref frame);
    }
}
