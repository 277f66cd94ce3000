namespace PcapSipAnalyzer.Synthesizer.Wire;

/// <summary>
/// An IPv4 host as the capture point sees it: frames from it carry <see cref="LinkMac"/> as source and its
/// <see cref="Ttl"/>; frames to it go to <see cref="LinkMac"/>. For a host behind a router that is the
/// router's MAC, which is exactly what a capture on the PBX uplink shows.
/// </summary>
public sealed class Host
{
    private string? _address;

    public Host(uint ip, ulong mac, ulong linkMac, byte ttl, ushort firstIpId)
    {
        Ip = ip;
        Mac = mac;
        LinkMac = linkMac;
        Ttl = ttl;
        NextIpId = firstIpId;
    }

    public uint Ip { get; }

    /// <summary>The host's own interface MAC.</summary>
    public ulong Mac { get; }

    /// <summary>The MAC its frames carry on the captured link.</summary>
    public ulong LinkMac { get; }

    public byte Ttl { get; }

    /// <summary>Dotted-quad text, made once because SIP and SDP repeat it.</summary>
    public string Address => _address ??= $"{Ip >> 24}.{(Ip >> 16) & 255}.{(Ip >> 8) & 255}.{Ip & 255}";

    /// <summary>IP identification of the next datagram this host sends; increases per datagram.</summary>
    public ushort NextIpId { get; set; }

    public static uint Ipv4(int a, int b, int c, int d) => (uint)((a << 24) | (b << 16) | (c << 8) | d);
}
