using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Packets;

/// <summary>
/// "ip:port" strings for the SIP engine, which names a transaction's and a registration's client and server
/// for every message. A server's address repeats in every message it sends or receives, so a small lossy cache
/// per thread (a slot per hash, the newest wins) hands out one string for it instead of a new one each time.
/// </summary>
internal static class EndpointText
{
    private const int Slots = 256;
    [ThreadStatic] private static Entry[]? t_cache;

    public static string Of(NetAddress ip, ushort port)
    {
        var cache = t_cache ??= new Entry[Slots];
        ref var slot = ref cache[(int)((uint)ip.GetHashCode() ^ port * 0x9E3779B1u) & (Slots - 1)];
        if (slot.Text is { } hit && slot.Port == port && slot.Ip == ip) return hit;
        slot = new Entry(ip, port, ip.ToString(port));
        return slot.Text!;
    }

    /// <summary>"192.168.0.1" of "192.168.0.1:5060" ("[2001:db8::1]" of an IPv6 endpoint); the whole text without a port.</summary>
    public static string HostOf(string endpoint) => endpoint[..PortColon(endpoint)];

    /// <summary>"5060" of "192.168.0.1:5060"; empty without a port.</summary>
    public static string PortOf(string endpoint) => endpoint[Math.Min(endpoint.Length, PortColon(endpoint) + 1)..];

    // The colon before the port: the last one, unless it lies inside an unbracketed IPv6 address (no port then).
    private static int PortColon(string endpoint)
    {
        int last = endpoint.LastIndexOf(':');
        return last > 0 && (endpoint.IndexOf(':') == last || endpoint.StartsWith('[')) ? last : endpoint.Length;
    }

    private readonly record struct Entry(NetAddress Ip, ushort Port, string? Text);
}
