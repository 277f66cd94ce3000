using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// The packet an ICMP error quotes, as the key a SIP message's own packet can be looked up by: addresses,
/// protocol, ports and the IPv4 id (0 for IPv6, which has none outside fragments).
/// </summary>
public readonly record struct QuotedPacketKey(
    NetAddress Source, NetAddress Destination, byte Protocol, ushort SourcePort, ushort DestinationPort, ushort IpId)
{
    /// <summary>The same flow without the IP id: several packets of one flow share it.</summary>
    public QuotedPacketKey Flow => this with { IpId = 0 };

    /// <summary>Seeded per process over every field: ports and IP id are the packet's.</summary>
    public override int GetHashCode() => HashCode.Combine(Source, Destination, Protocol, SourcePort, DestinationPort, IpId);
}
