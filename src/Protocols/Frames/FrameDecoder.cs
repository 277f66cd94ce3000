namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// Decodes link, network and transport headers of one frame in place, without allocating.
/// </summary>
public static class FrameDecoder
{
    /// <summary>
    /// Decodes <paramref name="data"/> captured on a link of type <paramref name="linkType"/> into
    /// <paramref name="frame"/> (cleared first). Never throws on bad input: sets Truncated/Malformed/Unsupported.
    /// Returns true when an IP or ARP layer was found.
    /// </summary>
    public static bool Decode(int linkType, ReadOnlySpan<byte> data, ref DecodedFrame frame) =>
        throw new NotImplementedException();
}
