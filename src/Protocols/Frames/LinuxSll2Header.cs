namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>Linux "cooked" capture v2 (LINKTYPE_LINUX_SLL2, 276): protocol first, interface index added.</summary>
internal static class LinuxSll2Header
{
    public const int ProtocolOffset = 0;
    public const int InterfaceIndexOffset = 4;
    public const int HardwareTypeOffset = 8;
    public const int PacketTypeOffset = 10;
    public const int AddressLengthOffset = 11;
    public const int AddressOffset = 12;
    public const int Length = 20;

    public static void Decode(ReadOnlySpan<byte> data, ref DecodedFrame frame)
    {
        if (data.Length < Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.Layers |= FrameLayers.LinuxSll;
        frame.SllPacketType = data[PacketTypeOffset];
        LinuxSllHeader.Finish(data, NetworkOrder.U16(data, HardwareTypeOffset), data[AddressLengthOffset], AddressOffset,
            NetworkOrder.U16(data, ProtocolOffset), Length, ref frame);
    }
}
