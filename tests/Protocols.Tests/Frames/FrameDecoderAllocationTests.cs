using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>The decoder is on the per-packet hot path: it must not allocate.</summary>
public class FrameDecoderAllocationTests
{
    [Fact]
    public void DecodeAllocatesNothing()
    {
        // A mix of every layer: VLAN, SLL, SLL2, raw, loopback, IPv6 fragments, tunnels, ARP, ICMP.
        string[] files =
        [
            "wireshark-wiki/aaa.pcap", "PcapPlusPlus/VlanPackets.pcap", "PcapPlusPlus/SllPacket.pcap",
            "zeek/linux_dlt_sll2.pcap", "PcapPlusPlus/raw_ip.pcap", "PcapPlusPlus/null_loopback.pcap",
            "sngrep/ipv6frag.pcap", "sngrep/ipip.pcap", "heplify/erspan_sip_ipv4_udp.pcapng", "nDPI/gre.pcapng",
            "PcapPlusPlus/ip4_fragments.pcap", "nDPI/fuzz-2006-06-26-2594.pcap",
        ];
        var packets = files.SelectMany(f => LibpcapCapture.ReadAll(Fixtures.PublicFile(f))).ToArray();
        var frame = new DecodedFrame();
        int found = 0;
        foreach (var packet in packets) // warm up (JIT, statics)
            found += FrameDecoder.Decode(packet.LinkType, packet.Data, ref frame) ? 1 : 0;

        long allocated = SteadyAllocation.Of(() =>
        {
            for (int round = 0; round < 20; round++)
            {
                foreach (var packet in packets)
                    FrameDecoder.Decode(packet.LinkType, packet.Data, ref frame);
            }
        });

        Assert.True(found > 1000, $"only {found} frames decoded");
        Assert.Equal(0, allocated);
    }
}
