namespace PcapSipAnalyzer.Analyzer.Packets;

/// <summary>The one table of <see cref="Transport"/> names (as a Via header spells them) that every report writer uses.</summary>
public static class Transports
{
    public static string WireName(Transport transport) => transport switch
    {
        Transport.Udp => "UDP",
        Transport.Tcp => "TCP",
        Transport.Tls => "TLS",
        Transport.Sctp => "SCTP",
        Transport.WebSocket => "WS",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "a transport without a wire name"),
    };

    /// <summary>The wire name, or null for none.</summary>
    public static string? WireName(Transport? transport) => transport is { } t ? WireName(t) : null;
}
