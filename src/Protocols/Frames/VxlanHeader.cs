namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// VXLAN (RFC 7348, UDP port 4789): an 8-byte header, then a whole Ethernet frame. Cloud and data-centre
/// overlays carry SIP this way, and mirrored traffic (AWS traffic mirroring) arrives in it.
/// </summary>
internal static class VxlanHeader
{
    public const ushort Port = 4789;
    public const int FlagsOffset = 0;
    public const int Length = 8;
    /// <summary>The I flag: the VNI is valid. RFC 7348 requires it, so without it the datagram is not VXLAN.</summary>
    public const byte VniValid = 0x08;

    /// <summary>
    /// Enters the tunnel when the UDP payload at <paramref name="offset"/> is a VXLAN header followed by at
    /// least an Ethernet header; otherwise leaves the frame as plain UDP and returns false.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, int offset, int length, ref DecodedFrame frame, int depth)
    {
        if (length < Length + EthernetHeader.Length || packet.Length - offset < length
            || (packet[offset + FlagsOffset] & VniValid) == 0)
            return false;
        Tunnel.EnterEthernet(ref frame, IpProtocols.Udp);
        EthernetHeader.Decode(packet[..(offset + length)], offset + Length, ref frame, depth);
        return true;
    }
}
