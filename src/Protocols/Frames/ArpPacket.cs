namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>ARP (RFC 826) for IPv4 over Ethernet; other hardware/protocol pairs keep only the operation.</summary>
internal static class ArpPacket
{
    public const int HardwareTypeOffset = 0;
    public const int ProtocolTypeOffset = 2;
    public const int HardwareSizeOffset = 4;
    public const int ProtocolSizeOffset = 5;
    public const int OperationOffset = 6;
    public const int SenderMacOffset = 8;
    public const int SenderIpOffset = 14;
    public const int TargetMacOffset = 18;
    public const int TargetIpOffset = 24;
    public const int FixedLength = 8;
    public const int EthernetIpv4Length = 28;
    private const ushort HardwareEthernet = 1;

    public static void Decode(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        int available = data.Length - offset;
        if (available < FixedLength)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.Layers |= FrameLayers.Arp;
        frame.ArpOperation = NetworkOrder.U16(data, offset + OperationOffset);
        if (NetworkOrder.U16(data, offset + HardwareTypeOffset) != HardwareEthernet
            || NetworkOrder.U16(data, offset + ProtocolTypeOffset) != EtherTypes.Ipv4
            || data[offset + HardwareSizeOffset] != 6 || data[offset + ProtocolSizeOffset] != 4)
        {
            frame.Layers |= FrameLayers.Unsupported;
            return;
        }
        if (available < EthernetIpv4Length)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.ArpSenderMac = MacAddress.Read(data.Slice(offset + SenderMacOffset, 6));
        frame.ArpSenderIp = NetAddress.FromV4(NetworkOrder.U32(data, offset + SenderIpOffset));
        frame.ArpTargetMac = MacAddress.Read(data.Slice(offset + TargetMacOffset, 6));
        frame.ArpTargetIp = NetAddress.FromV4(NetworkOrder.U32(data, offset + TargetIpOffset));
    }
}
