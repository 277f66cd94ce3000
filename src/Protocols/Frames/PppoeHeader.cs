namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>PPPoE session stage (RFC 2516): DSL uplinks, where SIP phones and ATAs often sit behind.</summary>
internal static class PppoeHeader
{
    public const int VersionTypeOffset = 0;
    public const int CodeOffset = 1;
    public const int SessionIdOffset = 2;
    public const int LengthOffset = 4;
    public const int Length = 6;

    public static void Decode(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame, int depth)
    {
        if (data.Length - offset < Length + 2)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        frame.Layers |= FrameLayers.Pppoe;
        offset += Length;
        if (!PppHeader.TryReadIp(data, ref offset, out ushort etherType))
        {
            frame.Layers |= FrameLayers.Unsupported; // LCP, IPCP, CHAP …
            return;
        }
        NetworkLayer.Decode(etherType, data, offset, ref frame, depth);
    }
}
