namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// IPv6 Neighbor Solicitation / Advertisement (RFC 4861 §4.3, §4.4): the IPv6 counterpart of ARP, reported in
/// the Arp* fields. Sender = the node that sent it (IPv6 source, its link-layer address option); target = the
/// solicited or advertised address (for an advertisement with the link-layer address that goes with it).
/// </summary>
internal static class NeighborDiscovery
{
    public const int FlagsOffset = 4;
    public const int TargetOffset = 8;
    public const int OptionsOffset = 24;
    public const byte SourceLinkLayerOption = 1;
    public const byte TargetLinkLayerOption = 2;
    /// <summary>ArpOperation values used for NS and NA, as for an ARP request and reply.</summary>
    public const ushort Solicitation = 1;
    public const ushort Advertisement = 2;

    public static void Decode(byte type, ReadOnlySpan<byte> packet, int offset, ref DecodedFrame frame)
    {
        if (packet.Length - offset < OptionsOffset)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        bool advertisement = type == Icmpv6Header.NeighborAdvertisement;
        frame.Layers |= FrameLayers.NeighborDiscovery;
        frame.ArpOperation = advertisement ? Advertisement : Solicitation;
        frame.NdFlags = packet[offset + FlagsOffset];
        frame.ArpSenderIp = frame.SourceIp;
        frame.ArpTargetIp = NetAddress.FromV6(packet.Slice(offset + TargetOffset, 16));
        byte wanted = advertisement ? TargetLinkLayerOption : SourceLinkLayerOption;
        for (int position = offset + OptionsOffset; packet.Length - position >= 2;)
        {
            int length = packet[position + 1] * 8;
            if (length == 0 || packet.Length - position < length)
                return; // RFC 4861 §4.6: zero length is invalid; stop rather than loop
            if (packet[position] == wanted && length >= 8)
            {
                var mac = MacAddress.Read(packet.Slice(position + 2, 6));
                frame.ArpSenderMac = mac;
                if (advertisement)
                    frame.ArpTargetMac = mac;
            }
            position += length;
        }
    }
}
