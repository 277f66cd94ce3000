using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>A subnet the topology file declares, with the gateway its hosts use (IP and/or MAC).</summary>
public sealed class TopologySubnet
{
    public required Subnet Prefix { get; init; }
    public string? Name { get; init; }
    public NetAddress Gateway { get; init; }
    public MacAddress GatewayMac { get; init; }
    /// <summary>VLAN id of the subnet on a trunk, 0 when not given.</summary>
    public ushort Vlan { get; init; }

    public bool HasGateway => !Gateway.IsNone || !GatewayMac.IsNone;
}
