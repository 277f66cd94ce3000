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

    [Fact]
    public void Register_scan_has_one_request_per_source_all_through_one_router_mac()
    {
        var (path, truth) = Write(FloodKind.RegisterScan, answered: 0.5);
        var (exit, output, errors) = TsharkProcess.Run("tshark", "-r", path, "-Y", "sip", "-T", "fields",
            "-e", "eth.src", "-e", "ip.src", "-e", "ip.ttl", "-e", "sip.Method", "-e", "sip.Status-Code", "-e", "sip.User-Agent");

        Assert.Equal(0, exit);
        Assert.Equal("", TsharkProcess.Complaints(errors));
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split('\t')).ToList();
        var requests = rows.Where(r => r[3].Length > 0).ToList();
        var responses = rows.Where(r => r[4].Length > 0).ToList();
        Assert.Equal(3000, requests.Count);
        Assert.Equal(3000, requests.Select(r => r[1]).Distinct().Count());
        Assert.All(requests, r => Assert.Equal("02:5c:a7:00:00:01", r[0]));
        Assert.True(requests.Select(r => r[1].Split('.')[0] + "." + r[1].Split('.')[1]).Distinct().Count() > 1000, "sources in few /16s");
        Assert.Equal(3000 / 8, requests.Count(r => r[2] == "64")); // every eighth through a TTL-resetting firewall
        Assert.Equal(["REGISTER", "OPTIONS"], requests.Select(r => r[3]).Distinct());
        Assert.Equal(3000 / 5, requests.Count(r => r[5].Length == 0)); // no User-Agent: only the flood pattern tells
        Assert.Contains(requests, r => r[5].Length == 0 && r[3] == "REGISTER");
        Assert.Contains(requests, r => r[5] == "friendly-scanner");
        Assert.Equal(truth.Flood!.Bytes, responses.Count);
        Assert.InRange(responses.Count, 1300, 1700);
        Assert.Equal(["401", "403", "404"], responses.Select(r => r[4]).Distinct().Order());
    }

    private (string Path, PcapSipAnalyzer.Synthesizer.Truth.GroundTruth Truth) Write(FloodKind flood, double answered = 0)
    {
        string path = Path.Combine(_directory, flood + ".pcap");
        var truth = CaptureSynthesis.Run(new SynthesisOptions
        {
            OutputPath = path, Flood = flood, FloodCount = 3000, TargetBytes = 2_000_000, HeaderBytes = 1_000_000, Seed = 2,
            ScanAnswered = answered,
        });
        return (path, truth);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
