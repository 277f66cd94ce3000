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
        if (!DecodeCommon(packet, offset, FrameLayers.Icmp, ref frame, out byte type, out _))
            return;
        if (type == Redirect)
            frame.IcmpGateway = NetAddress.FromV4(NetworkOrder.U32(packet, offset + GatewayOffset));
        if (type is DestinationUnreachable or SourceQuench or Redirect or TimeExceeded or ParameterProblem)
            IcmpQuote.DecodeIpv4(packet, offset + Length, ref frame);
    }

    /// <summary>
    /// Type, code and payload bounds, shared by ICMP and ICMPv6 (same 8-byte layout). False when the header is
    /// cut short (Truncated set).
    /// </summary>
    internal static bool DecodeCommon(ReadOnlySpan<byte> packet, int offset, FrameLayers layer, ref DecodedFrame frame,
        out byte type, out int available)
    {
        type = 0;
        available = packet.Length - offset;
        if (available < 2)
        {
            frame.Layers |= FrameLayers.Truncated;
            return false;
        }
        frame.Layers |= layer;
        type = packet[offset + TypeOffset];
        frame.IcmpType = type;
        frame.IcmpCode = packet[offset + CodeOffset];
        if (available < Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return false;
        }
        frame.PayloadOffset = offset + Length;
        frame.PayloadLength = available - Length;
        return true;
    }
}
