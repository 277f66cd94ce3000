namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// MPLS label stack (RFC 3032): 4-byte entries until the bottom-of-stack bit. What follows carries no type, so
/// the IP version nibble decides, as Wireshark does; anything else (pseudowires) is "other".
/// </summary>
internal static class MplsLabelStack
{
    public const int EntryLength = 4;
    public const int BottomOfStackOffset = 2;
    public const byte BottomOfStackBit = 0x01;

    public static void Decode(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame, int depth)
    {
        frame.Layers |= FrameLayers.Mpls;
        while (true)
        {
            if (data.Length - offset < EntryLength)
            {
                frame.Layers |= FrameLayers.Truncated;
                return;
            }
            bool bottom = (data[offset + BottomOfStackOffset] & BottomOfStackBit) != 0;
            offset += EntryLength;
            if (bottom)
                break;
        }
        if (data.Length - offset >= 1 && data[offset] >> 4 is 4 or 6)
            NetworkLayer.DecodeRawIp(data, offset, ref frame, depth);
        else
            frame.Layers |= FrameLayers.Unsupported;
    }
}
