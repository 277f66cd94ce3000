namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>Linux "cooked" capture v1 (LINKTYPE_LINUX_SLL, 113): tcpdump -i any.</summary>
internal static class LinuxSllHeader
{
    public const int PacketTypeOffset = 0;
    public const int HardwareTypeOffset = 2;
    public const int AddressLengthOffset = 4;
    public const int AddressOffset = 6;
    public const int ProtocolOffset = 14;
    public const int Length = 16;

    public static void Decode(ReadOnlySpan<byte> data, ref DecodedFrame frame)
    {
        if (data.Length < Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.Layers |= FrameLayers.LinuxSll;
        frame.SllPacketType = NetworkOrder.U16(data, PacketTypeOffset);
        ushort hardwareType = NetworkOrder.U16(data, HardwareTypeOffset);
        int addressLength = NetworkOrder.U16(data, AddressLengthOffset);
        Finish(data, hardwareType, addressLength, AddressOffset, NetworkOrder.U16(data, ProtocolOffset), Length, ref frame);
    }

    /// <summary>Shared by SLL and SLL2: the one link address is the sender's; the protocol is an EtherType.</summary>
    internal static void Finish(ReadOnlySpan<byte> data, ushort hardwareType, int addressLength, int addressOffset,
        ushort protocol, int offset, ref DecodedFrame frame)
    {
        if (hardwareType is ArphrdEther or ArphrdLoopback && addressLength == 6)
            frame.SourceMac = MacAddress.Read(data.Slice(addressOffset, 6));
        if (hardwareType == ArphrdIpGre && protocol == EtherTypes.TransparentEthernetBridging)
        {
            // On a GRE interface the protocol is the GRE protocol type: here a whole Ethernet frame follows.
            EthernetHeader.Decode(data, offset, ref frame, 0);
            return;
        }
        if (protocol <= EtherTypes.MaxIeee8023Length)
        {
            // 0x0001 802.3, 0x0004 802.2 LLC, 0x000C CAN …: not IP.
            frame.EtherType = protocol;
            frame.Layers |= FrameLayers.Unsupported;
            return;
        }
        if (!VlanTagStack.Skip(data, ref offset, ref protocol, ref frame))
            return;
        NetworkLayer.Decode(protocol, data, offset, ref frame, 0);
    }

    private const ushort ArphrdEther = 1;
    private const ushort ArphrdLoopback = 772;
    private const ushort ArphrdIpGre = 778;
}
