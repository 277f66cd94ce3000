namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// One L2 segment as a capture saw it: the capture file, the interface within it, and the outer VLAN id
/// (0 untagged). A trunk capture carries several segments; a router capturing both sides sees two interfaces.
/// Next-hop MACs only compare within one segment.
/// </summary>
public readonly record struct SegmentKey(int Capture, int InterfaceId, ushort Vlan)
{
    /// <summary>Seeded per process: the VLAN id is the packet's, and the generated hash adds it linearly.</summary>
    public override int GetHashCode() => HashCode.Combine(Capture, InterfaceId, Vlan);

    public override string ToString() => Vlan == 0 ? $"capture {Capture} if {InterfaceId}" : $"capture {Capture} if {InterfaceId} vlan {Vlan}";
}
