namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>An inclusive UDP port range whose datagrams are taken for RTP/RTCP without SDP or heuristics.</summary>
public readonly record struct RtpPortRange(ushort Low, ushort High)
{
    public bool Contains(ushort port) => port >= Low && port <= High;

    /// <summary>Parses "10000-20000" or a single port "5004".</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out RtpPortRange range)
    {
        range = default;
        int dash = text.IndexOf('-');
        if (dash < 0)
        {
            if (!ushort.TryParse(text.Trim(), out ushort single))
                return false;
            range = new RtpPortRange(single, single);
            return true;
        }
        if (!ushort.TryParse(text[..dash].Trim(), out ushort low) || !ushort.TryParse(text[(dash + 1)..].Trim(), out ushort high)
            || high < low)
            return false;
        range = new RtpPortRange(low, high);
        return true;
    }

    public override string ToString() => Low == High ? $"{Low}" : $"{Low}-{High}";
}
