namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>PPP (RFC 1661) framing inside PPPoE and GRE: an optional FF 03, then a 1- or 2-byte protocol.</summary>
internal static class PppHeader
{
    public const ushort Ipv4 = 0x0021;
    public const ushort Ipv6 = 0x0057;
    private const byte AllStations = 0xFF;
    private const byte Unnumbered = 0x03;

    /// <summary>
    /// Reads the PPP header at <paramref name="offset"/>; true with the EtherType when IP follows.
    /// </summary>
    public static bool TryReadIp(ReadOnlySpan<byte> data, ref int offset, out ushort etherType)
    {
        etherType = 0;
        if (data.Length - offset >= 2 && data[offset] == AllStations && data[offset + 1] == Unnumbered)
            offset += 2;
        if (data.Length - offset < 1)
            return false;
        ushort protocol;
        if ((data[offset] & 1) != 0)
            protocol = data[offset++]; // protocol field compression (RFC 1661 §6.5)
        else if (data.Length - offset >= 2)
        {
            protocol = NetworkOrder.U16(data, offset);
            offset += 2;
        }
        else
            return false;
        etherType = protocol switch
        {
            Ipv4 => EtherTypes.Ipv4,
            Ipv6 => EtherTypes.Ipv6,
            _ => 0,
        };
        return etherType != 0;
    }
}
