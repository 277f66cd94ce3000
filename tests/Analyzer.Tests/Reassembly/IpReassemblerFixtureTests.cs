using System.Text;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// Reassembly of the public fragment captures, checked against tshark: the same datagrams complete at the same
/// frames with the same lengths (ip.reassembled.length / ipv6.reassembled.length), and a reassembled UDP
/// datagram has tshark's udp.length.
/// </summary>
public class IpReassemblerFixtureTests
{
    [Theory]
    [InlineData("packetnet/udp-ip-fragmented.pcap")]
    [InlineData("PcapPlusPlus/ip4_fragments.pcap")]
    [InlineData("PcapPlusPlus/ip6_fragments.pcap")]
    [InlineData("PcapPlusPlus/frag_with_padding.pcap")]
    [InlineData("PcapPlusPlus/ipv6-frag.pcap")]
    [InlineData("PcapPlusPlus/ip4_bad_fragment.pcap")]
    [InlineData("sngrep/ipv6frag.pcap")]
    [InlineData("zeek/ipv4/fragmented-1.pcap")]
    [InlineData("zeek/ipv4/fragmented-2.pcap")]
    [InlineData("zeek/ipv4/fragmented-3.pcap")]
    [InlineData("zeek/ipv4/fragmented-4.pcap")]
    [InlineData("zeek/ipv6-fragmented-dns.pcap")]
    [InlineData("wireshark-wiki/ipv4frags.pcap")]
    public void ReassembledDatagramsAreTsharks(string file)
    {
        string path = Fixtures.PublicFile(file);
        var expected = Tshark.Fields(path, ["-Y", "ip.reassembled.length or ipv6.reassembled.length"],
                "frame.number", "ip.reassembled.length", "ipv6.reassembled.length", "udp.length")
            .Select(r => $"{r[0]} {r[1]}{r[2]} udp {LastOrNone(r[3])}")
            .ToList();

        var actual = new List<string>();
        var reassembler = new IpReassembler();
        var frame = new DecodedFrame();
        var packets = LibpcapCapture.ReadAll(path);
        for (int i = 0; i < packets.Count; i++)
        {
            FrameDecoder.Decode(packets[i].LinkType, packets[i].Data, ref frame);
            if (reassembler.Add(frame, packets[i].Data, packets[i].TimestampNs, out var datagram) != FragmentResult.Complete)
                continue;
            int length = datagram.Payload.Length;
            FrameDecoder.DecodeTransport(datagram.Protocol, datagram.Payload, ref frame);
            string udp = frame.Has(FrameLayers.Udp) ? (frame.PayloadLength + 8).ToString() : "-";
            actual.Add($"{i + 1} {length} udp {udp}");
        }
        reassembler.Flush();

        Assert.Equal(expected, actual);
        Assert.Equal(expected.Count, reassembler.Stats.Reassembled);
        Assert.Equal(0, reassembler.Stats.InFlight);
        Assert.Equal(0, reassembler.Stats.BytesInFlight);
    }

    private static string LastOrNone(string field) => field.Length == 0 ? "-" : field.Split(',')[^1];

    [Fact]
    public void FragmentedInviteReassemblesToTheWholeSipMessage()
    {
        // packetnet/udp-ip-fragmented.pcap: a 1977-byte INVITE over UDP in two IPv4 fragments (frames 1 and 2).
        var packets = LibpcapCapture.ReadAll(Fixtures.PublicFile("packetnet/udp-ip-fragmented.pcap"));
        var reassembler = new IpReassembler();
        var frame = new DecodedFrame();
        string? sip = null;
        foreach (var packet in packets)
        {
            FrameDecoder.Decode(packet.LinkType, packet.Data, ref frame);
            if (reassembler.Add(frame, packet.Data, packet.TimestampNs, out var datagram) == FragmentResult.Complete)
            {
                FrameDecoder.DecodeTransport(datagram.Protocol, datagram.Payload, ref frame);
                sip = Encoding.ASCII.GetString(datagram.Payload.Slice(frame.PayloadOffset, frame.PayloadLength));
                Assert.Equal(2, datagram.Fragments);
            }
        }
        Assert.NotNull(sip);
        Assert.StartsWith("INVITE ", sip);
        Assert.Equal(1977 - 8, sip.Length);
        Assert.Contains("Content-Length:", sip);
    }
}
