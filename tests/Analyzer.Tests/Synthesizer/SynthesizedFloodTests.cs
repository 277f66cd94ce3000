using PcapSipAnalyzer.Synthesizer;

namespace PcapSipAnalyzer.Analyzer.Tests.Synthesizer;

/// <summary>The flood captures must be valid files whose hostile content tshark sees as described.</summary>
public sealed class SynthesizedFloodTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapsip-synth-flood-").FullName;

    [Fact]
    public void Call_id_flood_has_one_unanswered_invite_per_call_id()
    {
        var (path, truth) = Write(FloodKind.CallIds);
        var (exit, output, errors) = TsharkProcess.Run("tshark", "-r", path, "-T", "fields", "-e", "sip.Call-ID", "-e", "sip.Method");

        Assert.Equal(0, exit);
        Assert.Equal("", TsharkProcess.Complaints(errors));
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3000, rows.Length);
        Assert.All(rows, r => Assert.EndsWith("\tINVITE", r));
        Assert.Equal(3000, rows.Select(r => r.Split('\t')[0]).Distinct().Count());
        Assert.Equal(3000, truth.Flood!.Distinct);
    }

    [Fact]
    public void Udp_flow_flood_has_the_stated_number_of_distinct_five_tuples()
    {
        var (path, truth) = Write(FloodKind.UdpFlows);
        var (exit, output, _) = TsharkProcess.Run("tshark", "-r", path, "-T", "fields", "-e", "ip.src", "-e", "udp.srcport", "-e", "ip.dst", "-e", "udp.dstport");

        Assert.Equal(0, exit);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(truth.Packets, rows.Length);
        Assert.Equal(3000, rows.Distinct().Count());
    }

    [Fact]
    public void Fragment_flood_never_completes_a_datagram()
    {
        var (path, truth) = Write(FloodKind.Fragments);
        var (exit, output, _) = TsharkProcess.Run("tshark", "-r", path, "-T", "fields", "-e", "ip.flags.mf", "-e", "ip.frag_offset", "-e", "udp.srcport");

        Assert.Equal(0, exit);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3000, rows.Length);
        Assert.All(rows, r => Assert.Equal("1", r.Split('\t')[0]));
        // No datagram was reassembled, so tshark never decodes a UDP header.
        Assert.All(rows, r => Assert.Equal("", r.Split('\t')[2]));
        Assert.Equal(3000, truth.Packets);
    }

    [Fact]
    public void Endless_tcp_streams_carry_no_complete_sip_message()
    {
        var (path, truth) = Write(FloodKind.TcpEndless);
        var (exit, output, errors) = TsharkProcess.Run("tshark", "-r", path, "-q", "-z", "sip,stat");

        Assert.Equal(0, exit);
        Assert.Equal("", TsharkProcess.Complaints(errors));
        Assert.Contains("Number of SIP messages: 0", output);
        // The target is checked after each round of one segment per connection: 256 × 1 502 bytes over at most.
        Assert.InRange(truth.FileBytes, 2_000_000, 2_000_000 + 256 * 1502);
    }

    [Fact]
    public void Huge_header_stream_carries_the_header_and_a_following_message()
    {
        var (path, truth) = Write(FloodKind.HugeHeader);
        var (exit, output, _) = TsharkProcess.Run("tshark", "-r", path, "-T", "fields", "-e", "tcp.len", "-e", "tcp.srcport");

        Assert.Equal(0, exit);
        long clientBytes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split('\t')).Where(f => f[1] == "40000").Sum(f => long.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(clientBytes, 1_000_000 + 200, 1_000_000 + 800);
        Assert.Equal(1_000_000, truth.Flood!.Bytes);
    }

    private (string Path, PcapSipAnalyzer.Synthesizer.Truth.GroundTruth Truth) Write(FloodKind flood)
    {
        string path = Path.Combine(_directory, flood + ".pcap");
        var truth = CaptureSynthesis.Run(new SynthesisOptions
        {
            OutputPath = path, Flood = flood, FloodCount = 3000, TargetBytes = 2_000_000, HeaderBytes = 1_000_000, Seed = 2,
        });
        return (path, truth);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
