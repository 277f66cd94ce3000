using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests;

/// <summary>A fixture packet (as tshark or our decoder read it) as the engines see it: its <see cref="PacketMeta"/>.</summary>
internal static class FixturePacketMeta
{
    public static PacketMeta MetaOf(FixturePacket packet) => new()
    {
        Frame = packet.FrameNumber,
        TimestampNs = packet.TimestampNs,
        SourceMac = packet.Frame.SourceMac,
        DestinationMac = packet.Frame.DestinationMac,
        Vlan = packet.Frame.OuterVlan,
        SourceIp = packet.Frame.SourceIp,
        DestinationIp = packet.Frame.DestinationIp,
        SourcePort = packet.Frame.SourcePort,
        DestinationPort = packet.Frame.DestinationPort,
        Ttl = packet.Frame.Ttl,
        IpId = packet.Frame.IpId,
        Transport = packet.IsTcp ? Transport.Tcp : Transport.Udp,
    };
}
