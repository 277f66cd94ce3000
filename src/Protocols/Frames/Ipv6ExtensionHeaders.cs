namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// Walks IPv6 extension headers (RFC 8200 §4): hop-by-hop, routing, destination options, mobility, AH and the
/// fragment header, stopping at the transport, ESP or no-next-header.
/// </summary>
internal static class Ipv6ExtensionHeaders
{
    public const int NextHeaderOffset = 0;
    public const int LengthOffset = 1;
    public const int FragmentOffsetFlagsOffset = 2;
    public const int FragmentIdentificationOffset = 4;
    public const int FragmentHeaderLength = 8;
    public const ushort FragmentOffsetMask = 0xFFF8;
    public const ushort MoreFragmentsFlag = 0x0001;

    public static bool IsExtension(byte next) => next is IpProtocols.HopByHop or IpProtocols.Routing
        or IpProtocols.DestinationOptions or IpProtocols.Mobility or IpProtocols.AuthenticationHeader
        or IpProtocols.Fragment;

    /// <summary>
    /// Advances <paramref name="offset"/> and <paramref name="next"/> past the extension headers in
    /// <paramref name="packet"/>. A fragment header is reported through <paramref name="fragment"/>; walking
    /// stops after it unless it is the first fragment. False when the packet ends inside a header.
    /// </summary>
    public static bool Skip(ReadOnlySpan<byte> packet, ref int offset, ref byte next, out Ipv6Fragment fragment)
    {
        fragment = default;
        while (IsExtension(next))
        {
            if (packet.Length - offset < 8)
                return false;
            if (next == IpProtocols.Fragment)
            {
                ushort offsetFlags = NetworkOrder.U16(packet, offset + FragmentOffsetFlagsOffset);
                fragment = new Ipv6Fragment(true, NetworkOrder.U32(packet, offset + FragmentIdentificationOffset),
                    offsetFlags & FragmentOffsetMask, (offsetFlags & MoreFragmentsFlag) != 0, packet[offset],
                    offset + FragmentHeaderLength);
                next = packet[offset];
                offset += FragmentHeaderLength;
                if (fragment.Offset != 0)
                    return true; // the rest is fragment data
                continue;
            }
            int length = next == IpProtocols.AuthenticationHeader
                ? (packet[offset + LengthOffset] + 2) * 4
                : (packet[offset + LengthOffset] + 1) * 8;
            if (packet.Length - offset < length)
                return false;
            next = packet[offset + NextHeaderOffset];
            offset += length;
        }
        return true;
    }
}

/// <summary>What an IPv6 fragment header said; <see cref="DataOffset"/> is where the fragment data starts.</summary>
internal readonly record struct Ipv6Fragment(bool Present, uint Id, int Offset, bool More, byte NextHeader, int DataOffset)
{
    /// <summary>RFC 6946: offset 0 without more fragments is a whole packet, not a fragment.</summary>
    public bool IsAtomic => Offset == 0 && !More;
}
