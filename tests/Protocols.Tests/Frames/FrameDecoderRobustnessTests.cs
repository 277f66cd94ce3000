using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>Hostile input: every prefix and random corruption of real frames decodes without an exception.</summary>
public class FrameDecoderRobustnessTests
{
    private static readonly int[] LinkTypesTried =
        [LinkTypes.Ethernet, LinkTypes.LinuxSll, LinkTypes.LinuxSll2, LinkTypes.Raw, LinkTypes.Null, LinkTypes.Loop, LinkTypes.Nflog];

    [Theory]
    [InlineData("sngrep/ipv6frag.pcap")]
    [InlineData("heplify/erspan_sip_ipv4_udp.pcapng")]
    [InlineData("nDPI/gre.pcapng")]
    [InlineData("sngrep/ipip.pcap")]
    [InlineData("PcapPlusPlus/VlanPackets.pcap")]
    [InlineData("zeek/linux_dlt_sll2.pcap")]
    public void EveryPrefixUnderEveryLinkTypeDecodes(string file)
    {
        var frame = new DecodedFrame();
        int truncated = 0;
        foreach (var packet in LibpcapCapture.ReadAll(Fixtures.PublicFile(file)).Take(40))
        {
            for (int length = 0; length <= packet.Data.Length; length++)
            {
                foreach (int linkType in LinkTypesTried)
                    FrameDecoder.Decode(linkType, packet.Data.AsSpan(0, length), ref frame);
                FrameDecoder.Decode(packet.LinkType, packet.Data.AsSpan(0, length), ref frame);
                if (length < packet.Data.Length && frame.Has(FrameLayers.Truncated | FrameLayers.PayloadTruncated))
                    truncated++;
                Assert.InRange(frame.PayloadOffset + frame.PayloadLength, 0, length);
            }
        }
        Assert.True(truncated > 0);
    }

    [Fact]
    public void RandomCorruptionDecodes()
    {
        var random = new Random(20261126);
        var packets = LibpcapCapture.ReadAll(Fixtures.PublicFile("wireshark-wiki/aaa.pcap"));
        var frame = new DecodedFrame();
        for (int i = 0; i < 20000; i++)
        {
            var data = (byte[])packets[random.Next(packets.Count)].Data.Clone();
            for (int flips = random.Next(1, 6); flips > 0; flips--)
                data[random.Next(Math.Min(data.Length, 80))] = (byte)random.Next(256);
            FrameDecoder.Decode(LinkTypesTried[random.Next(LinkTypesTried.Length)], data, ref frame);
            Assert.InRange(frame.PayloadOffset + frame.PayloadLength, 0, data.Length);
            if (frame.Has(FrameLayers.IcmpQuote))
                Assert.InRange(frame.QuotedPayloadOffset + frame.QuotedPayloadLength, 0, data.Length);
        }
    }
}
