namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// Entering a tunnel: the inner headers replace the outer ones in <see cref="DecodedFrame"/> (that is where
/// the SIP is), the outer IP addresses are kept in the Outer* fields and <see cref="FrameLayers.Tunnel"/> is set.
/// </summary>
internal static class Tunnel
{
    private const FrameLayers LinkLayers = FrameLayers.Ethernet | FrameLayers.Vlan | FrameLayers.LinuxSll
        | FrameLayers.Loopback | FrameLayers.Mpls | FrameLayers.Pppoe | FrameLayers.Nflog;

    /// <summary>IP in IP or GRE: no inner link layer, so the outer one (MACs, VLANs) stays.</summary>
    public static void EnterIp(ref DecodedFrame frame, byte tunnelProtocol)
    {
        var outer = frame;
        frame = default;
        frame.Layers = (outer.Layers & LinkLayers) | FrameLayers.Tunnel;
        frame.SourceMac = outer.SourceMac;
        frame.DestinationMac = outer.DestinationMac;
        frame.VlanCount = outer.VlanCount;
        frame.OuterVlan = outer.OuterVlan;
        frame.InnerVlan = outer.InnerVlan;
        frame.SllPacketType = outer.SllPacketType;
        KeepOuterIp(ref frame, outer, tunnelProtocol);
    }

    /// <summary>Transparent bridging / ERSPAN: a whole inner Ethernet frame replaces the outer link layer too.</summary>
    public static void EnterEthernet(ref DecodedFrame frame, byte tunnelProtocol)
    {
        var outer = frame;
        frame = default;
        frame.Layers = FrameLayers.Tunnel;
        KeepOuterIp(ref frame, outer, tunnelProtocol);
    }

    private static void KeepOuterIp(ref DecodedFrame frame, in DecodedFrame outer, byte tunnelProtocol)
    {
        frame.OuterSourceIp = outer.SourceIp;
        frame.OuterDestinationIp = outer.DestinationIp;
        frame.TunnelProtocol = tunnelProtocol;
    }
}
