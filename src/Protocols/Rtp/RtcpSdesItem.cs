namespace PcapSipAnalyzer.Protocols.Rtp;

/// <summary>One SDES item (RFC 3550 §6.5): type (1 CNAME, 2 NAME, … 8 PRIV) and its text, of one source.</summary>
public readonly ref struct RtcpSdesItem
{
    public const byte CanonicalName = 1;

    public uint Ssrc { get; init; }
    public byte Type { get; init; }
    public ReadOnlySpan<byte> Value { get; init; }
}
