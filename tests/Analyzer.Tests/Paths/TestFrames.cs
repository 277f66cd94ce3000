using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>Decoded frames built by hand, as the frame decoder would fill them, for the path building blocks.</summary>
internal static class TestFrames
{
    public static MacAddress Mac(string text) => MacAddress.Parse(text);
    public static NetAddress Ip(string text) => NetAddress.Parse(text);

    public static DecodedFrame Udp(string srcMac, string dstMac, string srcIp, string dstIp, byte ttl = 64,
                                   ushort srcPort = 5060, ushort dstPort = 5060, ushort vlan = 0, ushort ipId = 0)
    {
        var f = IpFrame(srcMac, dstMac, srcIp, dstIp, ttl, vlan, ipId);
        f.Layers |= FrameLayers.Udp;
        f.IpProtocol = 17;
        f.SourcePort = srcPort;
        f.DestinationPort = dstPort;
        return f;
    }

    public static DecodedFrame Tcp(string srcMac, string dstMac, string srcIp, ushort srcPort, string dstIp, ushort dstPort,
                                   byte flags, uint seq = 0, uint ack = 0, byte ttl = 64)
    {
        var f = IpFrame(srcMac, dstMac, srcIp, dstIp, ttl, 0, 0);
        f.Layers |= FrameLayers.Tcp;
        f.IpProtocol = 6;
        f.SourcePort = srcPort;
        f.DestinationPort = dstPort;
        f.TcpFlags = flags;
        f.TcpSequence = seq;
        f.TcpAcknowledgment = ack;
        return f;
    }

    public static DecodedFrame Arp(string senderMac, string senderIp, string targetIp, ushort operation = 1,
                                   string targetMac = "00:00:00:00:00:00", ushort vlan = 0)
    {
        var f = new DecodedFrame
        {
            Layers = FrameLayers.Ethernet | FrameLayers.Arp,
            SourceMac = Mac(senderMac),
            DestinationMac = operation == 1 ? new MacAddress(0xFFFF_FFFF_FFFFUL) : Mac(targetMac),
            EtherType = 0x0806,
            ArpOperation = operation,
            ArpSenderMac = Mac(senderMac),
            ArpSenderIp = Ip(senderIp),
            ArpTargetMac = Mac(targetMac),
            ArpTargetIp = Ip(targetIp),
            OuterVlan = vlan,
        };
        if (vlan != 0) { f.Layers |= FrameLayers.Vlan; f.VlanCount = 1; }
        return f;
    }

    /// <summary>An ICMP error from a router quoting a UDP packet (or another protocol's).</summary>
    public static DecodedFrame IcmpError(string srcMac, string dstMac, string routerIp, string toIp, byte type, byte code,
                                         string quotedSrc, ushort quotedSrcPort, string quotedDst, ushort quotedDstPort,
                                         ushort quotedIpId, string? gateway = null, byte quotedProtocol = 17)
    {
        var f = IpFrame(srcMac, dstMac, routerIp, toIp, 64, 0, 0);
        bool v6 = f.SourceIp.IsV6;
        f.Layers |= (v6 ? FrameLayers.Icmpv6 : FrameLayers.Icmp) | FrameLayers.IcmpQuote;
        f.IpProtocol = v6 ? (byte)58 : (byte)1;
        f.IcmpType = type;
        f.IcmpCode = code;
        if (gateway is not null) f.IcmpGateway = Ip(gateway);
        f.QuotedSourceIp = Ip(quotedSrc);
        f.QuotedDestinationIp = Ip(quotedDst);
        f.QuotedProtocol = quotedProtocol;
        f.QuotedSourcePort = quotedSrcPort;
        f.QuotedDestinationPort = quotedDstPort;
        f.QuotedIpId = quotedIpId;
        return f;
    }

    private static DecodedFrame IpFrame(string srcMac, string dstMac, string srcIp, string dstIp, byte ttl, ushort vlan, ushort ipId)
    {
        var src = Ip(srcIp);
        var f = new DecodedFrame
        {
            Layers = FrameLayers.Ethernet | (src.IsV6 ? FrameLayers.Ipv6 : FrameLayers.Ipv4),
            SourceMac = Mac(srcMac),
            DestinationMac = Mac(dstMac),
            EtherType = src.IsV6 ? (ushort)0x86DD : (ushort)0x0800,
            SourceIp = src,
            DestinationIp = Ip(dstIp),
            Ttl = ttl,
            IpId = ipId,
            OuterVlan = vlan,
        };
        if (vlan != 0) { f.Layers |= FrameLayers.Vlan; f.VlanCount = 1; }
        return f;
    }
}
