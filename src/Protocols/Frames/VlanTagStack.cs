namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>802.1Q / 802.1ad / pre-standard QinQ tags, any number stacked; the first two ids are kept.</summary>
internal static class VlanTagStack
{
    public const int TagLength = 4;
    public const int TciOffset = 0;
    public const int TypeOffset = 2;
    public const ushort VlanIdMask = 0x0FFF;

    /// <summary>Skips the tags starting at <paramref name="offset"/>; false when the frame ends inside one.</summary>
    public static bool Skip(ReadOnlySpan<byte> data, ref int offset, ref ushort type, ref DecodedFrame frame)
    {
        while (EtherTypes.IsVlanTag(type))
        {
            if (data.Length - offset < TagLength)
            {
                frame.Layers |= FrameLayers.Truncated;
                return false;
            }
            ushort id = (ushort)(NetworkOrder.U16(data, offset + TciOffset) & VlanIdMask);
            frame.Layers |= FrameLayers.Vlan;
            if (frame.VlanCount == 0)
                frame.OuterVlan = id;
            else if (frame.VlanCount == 1)
                frame.InnerVlan = id;
            if (frame.VlanCount < byte.MaxValue)
                frame.VlanCount++;
            type = NetworkOrder.U16(data, offset + TypeOffset);
            offset += TagLength;
        }
        return true;
    }
}
