namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>Ethernet II (and 802.3 with LLC/SNAP), followed by any stack of VLAN tags.</summary>
internal static class EthernetHeader
{
    public const int DestinationOffset = 0;
    public const int SourceOffset = 6;
    public const int TypeOffset = 12;
    public const int Length = 14;

    // 802.2 LLC + SNAP: DSAP AA, SSAP AA, control 03, OUI (3 bytes), then an EtherType.
    private const int SnapLength = 8;
    private const int SnapTypeOffset = 6;
    private const byte SnapSap = 0xAA;
    private const byte LlcUnnumbered = 0x03;

    public static void Decode(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame, int depth)
    {
        if (data.Length - offset < Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.Layers |= FrameLayers.Ethernet;
        frame.DestinationMac = MacAddress.Read(data.Slice(offset + DestinationOffset, 6));
        frame.SourceMac = MacAddress.Read(data.Slice(offset + SourceOffset, 6));
        ushort type = NetworkOrder.U16(data, offset + TypeOffset);
        offset += Length;

        if (type <= EtherTypes.MaxIeee8023Length && !SkipSnap(data, ref offset, ref type, ref frame))
            return;
        if (!VlanTagStack.Skip(data, ref offset, ref type, ref frame))
            return;
        NetworkLayer.Decode(type, data, offset, ref frame, depth);
    }

    /// <summary>802.3 frames: only SNAP carries an EtherType; plain LLC (STP, NetBIOS…) is "other".</summary>
    private static bool SkipSnap(ReadOnlySpan<byte> data, ref int offset, ref ushort type, ref DecodedFrame frame)
    {
        if (data.Length - offset >= SnapLength && data[offset] == SnapSap && data[offset + 1] == SnapSap
            && data[offset + 2] == LlcUnnumbered)
        {
            type = NetworkOrder.U16(data, offset + SnapTypeOffset);
            offset += SnapLength;
            return true;
        }
        frame.EtherType = type;
        frame.Layers |= FrameLayers.Unsupported;
        return false;
    }
}
