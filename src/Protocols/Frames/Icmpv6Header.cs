namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>ICMPv6 (RFC 4443, RFC 4861): errors with their quoted packet, redirect, neighbor discovery.</summary>
internal static class Icmpv6Header
{
    public const int TypeOffset = 0;
    public const int CodeOffset = 1;
    public const int Length = 8;
    public const int RedirectTargetOffset = 8;
    public const int RedirectLength = 40;

    public const byte DestinationUnreachable = 1;
    public const byte PacketTooBig = 2;
    public const byte TimeExceeded = 3;
    public const byte ParameterProblem = 4;
    public const byte NeighborSolicitation = 135;
    public const byte NeighborAdvertisement = 136;
    public const byte Redirect = 137;

    public static void Decode(ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame)
    {
        if (!IcmpHeader.DecodeCommon(packet, offset, FrameLayers.Icmpv6, ref frame, out byte type, out int available))
            return;
        switch (type)
        {
            case DestinationUnreachable or PacketTooBig or TimeExceeded or ParameterProblem:
                IcmpQuote.DecodeIpv6(packet, offset + Length, ref frame);
                break;
            case Redirect when available >= RedirectLength:
                frame.IcmpGateway = NetAddress.FromV6(packet.Slice(offset + RedirectTargetOffset, 16));
                break;
            case NeighborSolicitation or NeighborAdvertisement:
                NeighborDiscovery.Decode(type, packet, offset, ref frame);
                break;
        }
    }
}
