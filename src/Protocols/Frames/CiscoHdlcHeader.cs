namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// Cisco HDLC (LINKTYPE_C_HDLC, 104; also inside ERF PoS records and PPP_HDLC links): address 0F unicast or
/// 8F broadcast, control 00, then a 2-byte EtherType. Serial WAN links of routers in front of a PBX.
/// </summary>
internal static class CiscoHdlcHeader
{
    public const int AddressOffset = 0;
    public const int ProtocolOffset = 2;
    public const int Length = 4;
    public const byte Unicast = 0x0F;
    public const byte Broadcast = 0x8F;
    /// <summary>Cisco's keepalive protocol: the same number as RARP, so it must not reach the ARP decoder.</summary>
    private const ushort Slarp = 0x8035;

    public static bool Starts(ReadOnlySpan<byte> data, int offset) =>
        data.Length > offset && data[offset + AddressOffset] is Unicast or Broadcast;

    public static void Decode(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame, int depth)
    {
        if (data.Length - offset < Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        ushort protocol = NetworkOrder.U16(data, offset + ProtocolOffset);
        if (protocol == Slarp)
        {
            frame.EtherType = protocol;
            frame.Layers |= FrameLayers.Unsupported;
            return;
        }
        NetworkLayer.Decode(protocol, data, offset + Length, ref frame, depth);
    }
}
