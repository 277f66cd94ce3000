using System.Text.Json;
using PcapSipAnalyzer.Synthesizer;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Bounded state (issue 9 §3): synthesized floods that would grow a table without end — distinct Call-IDs,
/// UDP flows, fragments that never complete, endless TCP streams, a 10 MB SIP header — run through the CLI.
/// Peak RSS stays under 300 MB, and when a table hits its cap the evictions are in the JSON
/// (<c>state_evictions</c>) and on the console as a WARNING line: never silent. Sizes are chosen to pass every
/// cap in the engines (10 k live transactions, 4 096 RTP candidates, 4 096 fragment datagrams) while the
/// whole class stays well under three minutes on two cores.
/// </summary>
public partial class FloodTests
{
    private const long MaxPeakRssKb = 300 * 1024;
    private static readonly TimeSpan FloodTimeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(FloodKind.CallIds, 250_000)]
    [InlineData(FloodKind.UdpFlows, 250_000)]
    [InlineData(FloodKind.Fragments, 250_000)]
    public void Flood_stays_bounded_and_reports_its_evictions(FloodKind kind, long count)
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, kind, o => o.FloodCount = count);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var evictions = Evictions(report);
        Assert.True(evictions.Values.Sum() > 0, $"{count:N0} distinct {kind} passed every cap without an eviction: {Describe(report)}\n{run}");
        AssertWarned(run, evictions);
    }

    [Fact]
    public void Endless_tcp_streams_stay_bounded_and_are_reported()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.TcpEndless, o => { o.FloodCount = 8; o.TargetBytes = 24_000_000; });
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        // 8 streams of ~3 MB each without a message end, past the 1 MB message cap: the reassembler must drop
        // them and say so (tcp-oversize-messages), not buffer them.
        var evictions = Evictions(report);
        long anomalies = AnomalyCount(report);
        Assert.True(evictions.Values.Sum() + anomalies > 0, $"endless TCP streams left no trace: {Describe(report)}\n{run}");
        AssertWarned(run, evictions);
    }

    [Fact]
    public void Many_endless_tcp_streams_share_one_buffer_budget()
    {
        // 96 connections growing unfinished messages side by side: each stays under the 1 MB message cap, but
        // together they would hold ~96 MB of buffers. The 32 MiB budget for all of TCP reassembly gives out
        // first; the buffers that ask for more are dropped and counted (tcp-buffer-budget).
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.TcpEndless, o => { o.FloodCount = 96; o.TargetBytes = 90_000_000; });
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var evictions = Evictions(report);
        Assert.True(evictions.GetValueOrDefault("tcp-buffer-budget") > 0, $"96 endless streams never reached the budget: {Describe(report)}\n{run}");
        AssertWarned(run, evictions);
    }

    [Fact]
    public void Ten_megabyte_sip_header_stays_bounded_and_is_reported()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.HugeHeader, o => o.HeaderBytes = 10L << 20);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var evictions = Evictions(report);
        Assert.True(evictions.Values.Sum() + AnomalyCount(report) > 0, $"a 10 MB header left no trace: {Describe(report)}\n{run}");
        AssertWarned(run, evictions);
    }

    [Fact]
    public void Sixty_thousand_interface_blocks_stay_bounded_and_are_reported()
    {
        // 20 bytes declare an interface in pcapng. Each interface was once a capture point with its own SIP,
        // TCP and IP state (~30 KB): 100 k interface blocks took 2.9 GB. The reader now refuses more than
        // 65 536; below that, points are made on a packet and capped at 1 024, the interfaces past the cap
        // sharing one point, counted as capture-points evictions.
        using var folder = new TempFolder();
        var capture = Path.Combine(folder.Path, "interfaces.pcapng");
        const int interfaces = 60_000, withPackets = 5_000;
        using (var file = new BufferedStream(File.Create(capture), 1 << 20))
        {
            file.Write(Block(0x0A0D0D0A, [0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
            var idb = Block(1, [1, 0, 0, 0, 0xFF, 0xFF, 0, 0]);
            for (int i = 0; i < interfaces; i++)
                file.Write(idb);
            for (int i = interfaces - withPackets; i < interfaces; i++)
            {
                var body = new byte[20 + 16];
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(body, i);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(8), i);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(12), 14);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(16), 14);
                body[32] = 0x08;
                file.Write(Block(6, body));
            }
        }
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        Assert.Equal(withPackets, report.RootElement.GetProperty("captures")[0].GetProperty("packets").GetInt64());
        var evictions = Evictions(report);
        Assert.True(evictions.GetValueOrDefault("capture-points") > 0, Describe(report));
        AssertWarned(run, evictions);
    }

    /// <summary>A little-endian pcapng block around <paramref name="body"/> (a multiple of 4 bytes).</summary>
    private static byte[] Block(uint type, byte[] body)
    {
        var block = new byte[12 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(block, type);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(4), block.Length);
        body.CopyTo(block, 8);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(block.Length - 4), block.Length);
        return block;
    }

    internal static string Synthesize(TempFolder folder, FloodKind kind, Action<SynthesisOptions> configure)
    {
        var options = new SynthesisOptions
        {
            OutputPath = Path.Combine(folder.Path, $"{kind}.pcap"),
            TruthPath = Path.Combine(folder.Path, $"{kind}.truth.json"),
            Flood = kind,
            Seed = 9,
        };
        configure(options);
        CaptureSynthesis.Run(options);
        return options.OutputPath;
    }

    internal static (PcapsipRun Run, JsonDocument Report) Analyze(TempFolder folder, string capture, params string[] options)
    {
        var json = Path.Combine(folder.Path, "report.json");
        var run = PcapsipProcess.Run(FloodTimeout, ["analyze", "--no-progress", "--json", json, .. options, capture]);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(0, run.ExitCode);
        return (run, JsonDocument.Parse(File.ReadAllBytes(json)));
    }

    internal static void AssertBounded(PcapsipRun run)
    {
        Assert.True(run.PeakRssKb > 0, "peak RSS was not sampled");
        Assert.True(run.PeakRssKb <= MaxPeakRssKb, $"peak RSS {run.PeakRssKb / 1024} MB > {MaxPeakRssKb / 1024} MB: {run}");
    }

    /// <summary>Every non-zero eviction counter has its WARNING line on the console.</summary>
    internal static void AssertWarned(PcapsipRun run, Dictionary<string, long> evictions)
    {
        foreach (var (table, count) in evictions.Where(e => e.Value > 0))
            Assert.Contains(run.Stdout.Split('\n'), l => l.StartsWith("WARNING:", StringComparison.Ordinal) && l.Contains(table, StringComparison.Ordinal));
    }

    internal static Dictionary<string, long> Evictions(JsonDocument report) =>
        report.RootElement.GetProperty("state_evictions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private static long AnomalyCount(JsonDocument report) =>
        report.RootElement.GetProperty("anomalies").EnumerateObject().Sum(p => p.Value.GetProperty("count").GetInt64());

    internal static string Describe(JsonDocument report)
    {
        var root = report.RootElement;
        return $"state_evictions {root.GetProperty("state_evictions")}, anomalies {root.GetProperty("anomalies")}, protocols {root.GetProperty("protocols")}";
    }
}
