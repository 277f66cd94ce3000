using System.Text;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.LinkFrames;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>Every link type that carries IP is decoded down to the SIP inside it; the ones that cannot be say so.</summary>
public class LinkTypeDecodingTests
{
    public static TheoryData<string> CaseNames => [.. LinkTypeCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void SipInsideIsFound(string name)
    {
        var c = LinkTypeCases.All.Single(c => c.Name == name);
        var frame = new DecodedFrame();

        Assert.True(FrameDecoder.Decode(c.LinkType, c.Frame, ref frame), $"{name}: {frame.Layers}");

        Assert.True(frame.Has(FrameLayers.Udp), $"{name}: {frame.Layers}");
        Assert.False(frame.Has(FrameLayers.Truncated | FrameLayers.Malformed | FrameLayers.Unsupported | FrameLayers.LinkNotDecoded));
        Assert.Equal(c.V6 ? "2001:db8::3" : "10.1.2.3", frame.SourceIp.ToString());
        Assert.Equal(c.V6 ? "2001:db8::7" : "10.9.8.7", frame.DestinationIp.ToString());
        Assert.Equal((5062, 5060), (frame.SourcePort, frame.DestinationPort));
        Assert.Equal(LinkTypeCases.Register, Encoding.ASCII.GetString(c.Frame, frame.PayloadOffset, frame.PayloadLength));
    }

    [Fact]
    public void ErfExtensionHeadersAreSkippedWhileTheirHighBitIsSet()
    {
        // Three chained extension headers: 16 + 24 bytes before the pad, so the Ethernet header starts at 42.
        var data = Erf(2, ErfEthernet(LinkTypeCases.EthernetSip4), extensions: 3);
        var frame = new DecodedFrame();
        FrameDecoder.Decode(LinkTypes.Erf, data, ref frame);

        Assert.True(frame.Has(FrameLayers.Ethernet | FrameLayers.Udp));
        Assert.Equal(16 + 3 * 8 + 2 + 14, frame.IpOffset);
        Assert.Equal("00:11:22:33:44:55", frame.DestinationMac.ToString());
    }

    [Fact]
    public void ErfExtensionChainCutShortIsTruncated()
    {
        var data = Erf(22, LinkTypeCases.Sip4, extensions: 2)[..28]; // the second extension header is cut
        var frame = new DecodedFrame();
        FrameDecoder.Decode(LinkTypes.Erf, data, ref frame);
        Assert.True(frame.Has(FrameLayers.Truncated));
        Assert.False(frame.Has(FrameLayers.Ipv4));
    }

    [Theory]
    [InlineData(3)]   // ATM cell
    [InlineData(21)]  // InfiniBand
    [InlineData(24)]  // raw link
    public void ErfTypesWithoutIpAreReportedAsNotDecoded(byte type)
    {
        var frame = new DecodedFrame();
        Assert.False(FrameDecoder.Decode(LinkTypes.Erf, Erf(type, LinkTypeCases.Sip4), ref frame));
        Assert.True(frame.Has(FrameLayers.LinkNotDecoded));
    }

    [Fact]
    public void ErfMetadataRecordsAreNotPacketsSoNotReported()
    {
        var frame = new DecodedFrame();
        FrameDecoder.Decode(LinkTypes.Erf, Erf(27, new byte[24]), ref frame);
        Assert.True(frame.Has(FrameLayers.Unsupported));
        Assert.False(frame.Has(FrameLayers.LinkNotDecoded));
    }

    [Theory]
    [InlineData(147)] // USER0
    [InlineData(105)] // 802.11 (no radio header decoding)
    [InlineData(-1)]
    public void UnknownLinkTypesAreFlagged(int linkType)
    {
        var frame = new DecodedFrame();
        Assert.False(FrameDecoder.Decode(linkType, LinkTypeCases.EthernetSip4, ref frame));
        Assert.True(frame.Has(FrameLayers.LinkNotDecoded | FrameLayers.Unsupported));
    }

    [Fact]
    public void PktapNamingALinkTypeItCannotDecodeIsFlagged()
    {
        var frame = new DecodedFrame();
        FrameDecoder.Decode(LinkTypes.Pktap, Pktap(LinkTypes.Pktap, LinkTypeCases.EthernetSip4), ref frame);
        Assert.True(frame.Has(FrameLayers.LinkNotDecoded));
    }

    [Fact]
    public void PktapHeaderLongerThanTheFrameIsTruncated()
    {
        var data = Pktap(LinkTypes.Ethernet, LinkTypeCases.EthernetSip4);
        data[0] = 0xFF; data[1] = 0x01; // header length 511, past the frame's end
        var frame = new DecodedFrame();
        FrameDecoder.Decode(LinkTypes.Pktap, data, ref frame);
        Assert.True(frame.Has(FrameLayers.Truncated));
    }

    [Fact]
    public void CiscoKeepalivesAreNotTakenForReverseArp()
    {
        // SLARP shares RARP's number 0x8035.
        var frame = new DecodedFrame();
        FrameDecoder.Decode(LinkTypes.CiscoHdlc, CiscoHdlc(0x8035, new byte[20]), ref frame);
        Assert.False(frame.Has(FrameLayers.Arp));
        Assert.True(frame.Has(FrameLayers.Unsupported));
    }

    [Fact]
    public void PppControlProtocolsAreOther()
    {
        var frame = new DecodedFrame();
        FrameDecoder.Decode(LinkTypes.Ppp, PppHdlc(0xC021, new byte[8]), ref frame); // LCP
        Assert.True(frame.Has(FrameLayers.Unsupported));
        Assert.False(frame.Has(FrameLayers.LinkNotDecoded));
    }

    [Fact]
    public void VxlanKeepsTheOuterAddressesAndDecodesTheInnerFrame()
    {
        var frame = new DecodedFrame();
        FrameDecoder.Decode(LinkTypes.Ethernet, LinkTypeCases.All.Single(c => c.Name == "vxlan").Frame, ref frame);
        Assert.True(frame.Has(FrameLayers.Tunnel | FrameLayers.Ethernet));
        Assert.Equal(IpProtocols.Udp, frame.TunnelProtocol);
        Assert.Equal(("192.0.2.1", "192.0.2.2"), (frame.OuterSourceIp.ToString(), frame.OuterDestinationIp.ToString()));
    }

    [Fact]
    public void UdpToTheVxlanPortWithoutTheIFlagStaysUdp()
    {
        // An RTP range that happens to include 4789: version 2 byte 0x80 has no I flag.
        byte[] rtp = [0x80, 0x00, 0x00, 0x01, .. new byte[168]];
        var frame = new DecodedFrame();
        FrameDecoder.Decode(LinkTypes.Ethernet, Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(4000, 4789, rtp))), ref frame);
        Assert.False(frame.Has(FrameLayers.Tunnel));
        Assert.Equal((4000, 4789, 172), (frame.SourcePort, frame.DestinationPort, frame.PayloadLength));
    }

    [Fact]
    public void DecodingEveryLinkTypeAllocatesNothing()
    {
        var cases = LinkTypeCases.All.ToArray(); // an array: its foreach allocates no enumerator
        var frame = new DecodedFrame();
        foreach (var c in cases) // warm up (JIT, statics)
            FrameDecoder.Decode(c.LinkType, c.Frame, ref frame);

        int found = 0;
        long allocated = SteadyAllocation.Of(() =>
        {
            found = 0;
            for (int round = 0; round < 100; round++)
            {
                foreach (var c in cases)
                    found += FrameDecoder.Decode(c.LinkType, c.Frame, ref frame) ? 1 : 0;
            }
        });
        Assert.Equal(0, allocated);
        Assert.Equal(100 * cases.Length, found);
    }

    [Fact]
    public void EveryLinkTypeHasOneName()
    {
        Assert.Equal("USER0", LinkTypes.Name(147));
        Assert.Equal("USER15", LinkTypes.Name(162));
        Assert.Equal("ERF", LinkTypes.Name(LinkTypes.Erf));
        Assert.Equal("PKTAP", LinkTypes.Name(LinkTypes.Pktap));
        Assert.Equal("C_HDLC", LinkTypes.Name(LinkTypes.CiscoHdlc));
        Assert.Equal("LINKTYPE_9999", LinkTypes.Name(9999));
    }
}
