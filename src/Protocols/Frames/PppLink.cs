namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// PPP as a link type (PPP 9, PPP_HDLC 50, PPP_WITH_DIR 204) and inside ERF PoS records: PPP with or without
/// its HDLC-like FF 03, or Cisco HDLC on the same kind of serial line (told apart by the first byte).
/// </summary>
internal static class PppLink
{
    /// <summary>PPP_WITH_DIR and C_HDLC_WITH_DIR put one direction byte (0 received, 1 sent) in front.</summary>
    public const int DirectionLength = 1;

    public static void Decode(ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame, int depth)
    {
        if (data.Length - offset < 1)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        if (CiscoHdlcHeader.Starts(data, offset))
        {
            CiscoHdlcHeader.Decode(data, offset, ref frame, depth);
            return;
        }
        if (!PppHeader.TryReadIp(data, ref offset, out ushort etherType))
        {
            frame.Layers |= FrameLayers.Unsupported; // LCP, IPCP, CHAP … or a cut header
            return;
        }
        NetworkLayer.Decode(etherType, data, offset, ref frame, depth);
    }
}
