using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// A route the topology file declares: traffic from hosts in <see cref="From"/> to <see cref="To"/> should
/// leave through <see cref="Via"/> (when that is not the source subnet's default gateway).
/// </summary>
public sealed class TopologyRoute
{
    public required Subnet From { get; init; }
    public required Subnet To { get; init; }
    public NetAddress Via { get; init; }
    public MacAddress ViaMac { get; init; }
}
