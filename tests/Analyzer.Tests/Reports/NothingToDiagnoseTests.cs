using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// A capture without packets gets no verdict, and the first line says why: an empty file (the capture caught
/// nothing) is told from one that could not be read.
/// </summary>
public class NothingToDiagnoseTests
{
    // A pcap file header (microseconds, little-endian, Ethernet) with no record after it.
    private static readonly byte[] EmptyPcap =
        [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 1, 0, 0, 0];

    private static async Task<string> FirstLineAsync(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"pcapsip-empty-{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(path, bytes);
        try { return await FirstLineAsync(path); }
        finally { File.Delete(path); }
    }

    private static async Task<string> FirstLineAsync(string path)
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);
        using var text = new StringWriter();
        new ConsoleReportWriter(text).Write(result);
        return text.ToString().Split('\n')[0].TrimEnd('\r');
    }

    [Theory]
    [InlineData("public/PcapPlusPlus/VlanPackets.pcap", false)]
    [InlineData("public/PcapPlusPlus/SllPacket.pcap", false)]
    [InlineData("public/kamailio-config-tests/media181sec.pcap", true)]
    public async Task A_capture_without_SIP_gets_no_verdict_on_signalling_nobody_saw(string capture, bool hasRtp)
    {
        string path = Fixtures.PathOf(capture);
        int packets = Tshark.Run("-r", path, "-T", "fields", "-e", "frame.number").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(0, Tshark.Run("-r", path, "-Y", "sip", "-T", "fields", "-e", "frame.number").Output.Trim().Length);

        string line = await FirstLineAsync(path);
        Assert.StartsWith("Nothing to diagnose:", line);
        Assert.Contains(packets == 1 ? "the one packet is not SIP" : $"none of the {packets:N0} packets is SIP", line);
        Assert.DoesNotContain("problem found", line);
        Assert.Equal(hasRtp, line.Contains("RTP stream", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_capture_is_said_to_hold_no_packets_not_to_have_errors()
    {
        string line = await FirstLineAsync(EmptyPcap);
        Assert.StartsWith("Nothing to diagnose: the capture holds no packets", line);
        Assert.DoesNotContain("error", line);
    }

    [Fact]
    public async Task A_capture_cut_short_says_so_before_its_verdict()
    {
        // The first 100 000 bytes of a call: libpcap reads the whole records before the cut, and so do we.
        byte[] whole = File.ReadAllBytes(Fixtures.PathOf("public/wireshark-wiki/sip-rtp-g711.pcap"));
        string path = Path.Combine(Path.GetTempPath(), $"pcapsip-cut-{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(path, whole[..100_000]);
        try
        {
            var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);
            Assert.True(result.Captures[0].Summary.Truncated);
            Assert.Equal(Tshark.Run("-r", path, "-T", "fields", "-e", "frame.number").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length,
                result.Captures[0].Summary.Packets);
            using var text = new StringWriter();
            new ConsoleReportWriter(text).Write(result);
            Assert.StartsWith("Not every input was read to the end (1 of 1, see the capture errors below)", text.ToString());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_capture_broken_before_its_first_packet_points_to_its_errors()
    {
        // The first record's header announces 60 bytes that are not there.
        byte[] broken = [.. EmptyPcap, 0, 0, 0, 0, 0, 0, 0, 0, 60, 0, 0, 0, 60, 0, 0, 0, 1, 2, 3];
        string line = await FirstLineAsync(broken);
        Assert.Equal("Nothing to diagnose: no packet could be read (the capture errors are below).", line);
    }
}
