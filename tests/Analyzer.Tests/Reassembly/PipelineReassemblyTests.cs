using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>The analysis pipeline (our reader, decoder, reassembler) completes as many datagrams as tshark.</summary>
public class PipelineReassemblyTests
{
    [Theory]
    [InlineData("packetnet/udp-ip-fragmented.pcap")]
    [InlineData("PcapPlusPlus/ip4_fragments.pcap")]
    [InlineData("PcapPlusPlus/ip6_fragments.pcap")]
    [InlineData("sngrep/ipv6frag.pcap")]
    [InlineData("zeek/ipv4/fragmented-4.pcap")]
    [InlineData("wireshark-wiki/vlan.cap.gz")]
    public async Task ReassembledCountIsTsharks(string file)
    {
        string path = Fixtures.PublicFile(file);
        int expected = Tshark.Fields(path, ["-Y", "ip.reassembled.length or ipv6.reassembled.length"], "frame.number").Count;

        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);

        Assert.Equal(expected, result.Protocols.FragmentsReassembled);
    }
}
