using System.Text;
using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>Hand-built frames for what the public captures lack (ICMP quotes of SIP, ND, odd lengths).</summary>
public class FrameDecoderTests
{
    private const string Register = "REGISTER sip:pbx SIP/2.0\r\n";

    private static DecodedFrame Decode(byte[] data, int linkType = LinkTypes.Ethernet)
    {
        var frame = new DecodedFrame();
        FrameDecoder.Decode(linkType, data, ref frame);
        return frame;
    }

    private static string Text(byte[] data, int offset, int length) => Encoding.ASCII.GetString(data, offset, length);

    [Fact]
    public void IcmpRedirectQuotesTheSipResponseAndNamesTheGateway()
    {
        // The PBX's 401 to 192.168.1.50 went to router 192.168.0.254, which says: use 192.168.0.1.
        var quoted = Ipv4(17, "192.168.0.2", "192.168.1.50", Udp(5060, 5062, Ascii("SIP/2.0 401 Unauthorized\r\n")), id: 0x1234);
        var data = Ethernet(0x0800, Ipv4(1, "192.168.0.254", "192.168.0.2", Icmp(5, 1, 0xC0A80001, quoted)));
        var frame = Decode(data);

        Assert.True(frame.Has(FrameLayers.Icmp | FrameLayers.IcmpQuote));
        Assert.Equal((5, 1), (frame.IcmpType, frame.IcmpCode));
        Assert.Equal("192.168.0.1", frame.IcmpGateway.ToString());
        Assert.Equal("192.168.0.2", frame.QuotedSourceIp.ToString());
        Assert.Equal("192.168.1.50", frame.QuotedDestinationIp.ToString());
        Assert.Equal((17, 0x1234, 5060, 5062), (frame.QuotedProtocol, frame.QuotedIpId, frame.QuotedSourcePort, frame.QuotedDestinationPort));
        Assert.Equal("SIP/2.0 401 Unauthorized\r\n", Text(data, frame.QuotedPayloadOffset, frame.QuotedPayloadLength));
    }

    [Fact]
    public void IcmpQuoteCutAfterEightTransportBytesHasPortsButNoPayload()
    {
        // RFC 792 routers quote the IP header and 8 bytes: the quoted TCP header is incomplete.
        var tcp = Tcp(5060, 40000, 1, 0x18, Ascii(Register));
        var quotedHeader = Ipv4(6, "10.0.0.1", "10.0.0.2", tcp)[..28];
        var frame = Decode(Ethernet(0x0800, Ipv4(1, "10.0.0.9", "10.0.0.1", Icmp(3, 3, 0, quotedHeader))));

        Assert.True(frame.Has(FrameLayers.IcmpQuote));
        Assert.Equal((6, 5060, 40000), (frame.QuotedProtocol, frame.QuotedSourcePort, frame.QuotedDestinationPort));
        Assert.Equal(0, frame.QuotedPayloadLength);
    }

    [Fact]
    public void Icmpv6PacketTooBigQuotesTheIpv6Packet()
    {
        var quoted = Ipv6(17, "2001:db8::1", "2001:db8::2", Udp(5060, 5060, Ascii(Register)));
        var data = Ethernet(0x86DD, Ipv6(58, "2001:db8::fe", "2001:db8::1", Icmp(2, 0, 1280, quoted)));
        var frame = Decode(data);

        Assert.True(frame.Has(FrameLayers.Icmpv6 | FrameLayers.IcmpQuote));
        Assert.Equal("2001:db8::2", frame.QuotedDestinationIp.ToString());
        Assert.Equal((17, 5060), (frame.QuotedProtocol, frame.QuotedDestinationPort));
        Assert.Equal(Register, Text(data, frame.QuotedPayloadOffset, frame.QuotedPayloadLength));
    }

    [Fact]
    public void NeighborAdvertisementGivesTheAddressAndItsMac()
    {
        byte[] target = System.Net.IPAddress.Parse("fe80::1").GetAddressBytes();
        byte[] option = [2, 1, 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee];
        var body = target.Concat(option).ToArray();
        var frame = Decode(Ethernet(0x86DD, Ipv6(58, "fe80::1", "fe80::2", Icmp(136, 0, 0x6000_0000, body), 255)));

        Assert.True(frame.Has(FrameLayers.NeighborDiscovery));
        Assert.Equal(2, frame.ArpOperation);
        Assert.Equal(0x60, frame.NdFlags);
        Assert.Equal("fe80::1", frame.ArpTargetIp.ToString());
        Assert.Equal("02:aa:bb:cc:dd:ee", frame.ArpTargetMac.ToString());
        Assert.Equal("02:aa:bb:cc:dd:ee", frame.ArpSenderMac.ToString());
    }

    [Fact]
    public void QinQStackKeepsBothIdsAndCountsEveryTag()
    {
        var frame = Decode(Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(1, 2, [])), 100, 200, 300));
        Assert.True(frame.Has(FrameLayers.Vlan | FrameLayers.Udp));
        Assert.Equal((3, 100, 200), (frame.VlanCount, frame.OuterVlan, frame.InnerVlan));
    }

    [Fact]
    public void EthernetPaddingIsNotPayload()
    {
        var data = Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(5060, 5060, Ascii("\r\n"))));
        Array.Resize(ref data, 64); // minimum frame + FCS
        var frame = Decode(data);
        Assert.Equal("\r\n", Text(data, frame.PayloadOffset, frame.PayloadLength));
        Assert.False(frame.Has(FrameLayers.PayloadTruncated));
    }

    [Fact]
    public void SnaplenCutPayloadIsFlaggedAndTrimmed()
    {
        var data = Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(5060, 5060, Ascii(Register))))[..50];
        var frame = Decode(data);
        Assert.True(frame.Has(FrameLayers.Udp | FrameLayers.PayloadTruncated));
        Assert.False(frame.Has(FrameLayers.Truncated));
        Assert.Equal(data.Length, frame.PayloadOffset + frame.PayloadLength);
    }

    [Fact]
    public void Ipv4OptionsAreSkipped()
    {
        byte[] routerAlert = [0x94, 0x04, 0x00, 0x00];
        var data = Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(5060, 5061, Ascii(Register)), options: routerAlert));
        var frame = Decode(data);
        Assert.Equal(24, frame.IpHeaderLength);
        Assert.Equal(5061, frame.DestinationPort);
        Assert.Equal(Register, Text(data, frame.PayloadOffset, frame.PayloadLength));
    }

    [Fact]
    public void Ipv6ExtensionHeadersAreWalkedToUdp()
    {
        byte[] hopByHop = [60, 0, 1, 4, 0, 0, 0, 0];        // next: destination options
        byte[] destination = [17, 0, 1, 4, 0, 0, 0, 0];     // next: UDP
        var data = Ethernet(0x86DD, Ipv6(0, "2001:db8::1", "2001:db8::2", [.. hopByHop, .. destination, .. Udp(5060, 5060, Ascii(Register))]));
        var frame = Decode(data);
        Assert.Equal((17, 56), (frame.IpProtocol, frame.IpHeaderLength));
        Assert.Equal(Register, Text(data, frame.PayloadOffset, frame.PayloadLength));
    }

    [Fact]
    public void FirstFragmentHasPortsAndTheIpPayloadAsPayload()
    {
        var udp = Udp(5060, 5060, Ascii(Register + Register));
        var data = Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", udp[..32], id: 7, moreFragments: true));
        var frame = Decode(data);
        Assert.True(frame.Has(FrameLayers.Fragment | FrameLayers.Udp));
        Assert.Equal((7u, 0, true, (byte)17), (frame.FragmentId, frame.FragmentOffset, frame.MoreFragments, frame.FragmentProtocol));
        Assert.Equal((34, 32), (frame.PayloadOffset, frame.PayloadLength));
    }

    [Fact]
    public void LaterIpv6FragmentHasNoTransport()
    {
        var data = Ethernet(0x86DD, Ipv6(44, "2001:db8::1", "2001:db8::2", Ipv6Fragment(17, 0xABCDEF01, 1232, false, new byte[100])));
        var frame = Decode(data);
        Assert.True(frame.Has(FrameLayers.Fragment));
        Assert.False(frame.Has(FrameLayers.Udp));
        Assert.Equal((0xABCDEF01u, 1232, false, (byte)17), (frame.FragmentId, frame.FragmentOffset, frame.MoreFragments, frame.FragmentProtocol));
        Assert.Equal((14 + 48, 100), (frame.PayloadOffset, frame.PayloadLength));
    }

    [Fact]
    public void DecodeTransportReadsAReassembledPayload()
    {
        var frame = Decode(Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", new byte[16], fragmentOffset: 1480)));
        var payload = Udp(5070, 5060, Ascii(Register));
        FrameDecoder.DecodeTransport(frame.FragmentProtocol, payload, ref frame);
        Assert.True(frame.Has(FrameLayers.Reassembled | FrameLayers.Udp | FrameLayers.Ipv4));
        Assert.False(frame.Has(FrameLayers.Fragment));
        Assert.Equal((5070, 5060), (frame.SourcePort, frame.DestinationPort));
        Assert.Equal(Register, Text(payload, frame.PayloadOffset, frame.PayloadLength));
    }

    [Theory]
    [InlineData(LinkTypes.Null, new byte[] { 2, 0, 0, 0 })]          // little-endian host, AF_INET
    [InlineData(LinkTypes.Null, new byte[] { 0, 0, 0, 2 })]          // big-endian host
    [InlineData(LinkTypes.Loop, new byte[] { 0, 0, 0, 2 })]
    public void LoopbackFamilyInEitherByteOrder(int linkType, byte[] family)
    {
        var frame = Decode([.. family, .. Ipv4(17, "127.0.0.1", "127.0.0.1", Udp(5060, 5060, []))], linkType);
        Assert.True(frame.Has(FrameLayers.Loopback | FrameLayers.Ipv4 | FrameLayers.Udp));
    }

    [Theory]
    [InlineData(24)]
    [InlineData(28)]
    [InlineData(30)]
    public void LoopbackIpv6Families(byte family)
    {
        var frame = Decode([family, 0, 0, 0, .. Ipv6(17, "::1", "::1", Udp(5060, 5060, []))], LinkTypes.Null);
        Assert.True(frame.Has(FrameLayers.Ipv6 | FrameLayers.Udp));
    }

    [Fact]
    public void IpInIpReportsTheInnerPacketAndKeepsTheOuterAddresses()
    {
        var inner = Ipv4(17, "192.168.1.50", "192.168.0.2", Udp(5062, 5060, Ascii(Register)));
        var data = Ethernet(0x0800, Ipv4(4, "203.0.113.1", "203.0.113.2", inner));
        var frame = Decode(data);
        Assert.True(frame.Has(FrameLayers.Tunnel | FrameLayers.Udp | FrameLayers.Ethernet));
        Assert.Equal(("192.168.1.50", "203.0.113.1", (byte)4), (frame.SourceIp.ToString(), frame.OuterSourceIp.ToString(), frame.TunnelProtocol));
        Assert.Equal(Register, Text(data, frame.PayloadOffset, frame.PayloadLength));
    }

    [Theory]
    [InlineData(new byte[] { 0x45 })]
    [InlineData(new byte[] { 0x46, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 })] // IHL 24 > 20 bytes
    public void ShortIpv4IsTruncatedNotAnException(byte[] ip)
    {
        var frame = Decode(ip, LinkTypes.Raw);
        Assert.True(frame.Has(FrameLayers.Truncated));
    }

    [Fact]
    public void WrongVersionIsMalformed()
    {
        var ip = Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(1, 2, []));
        ip[0] = 0x55;
        var frame = Decode(Ethernet(0x0800, ip));
        Assert.True(frame.Has(FrameLayers.Malformed));
        Assert.False(frame.Has(FrameLayers.Ipv4));
    }
}
