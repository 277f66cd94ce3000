using System.Text.Json;
using PcapSipAnalyzer.Synthesizer;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Bounded state (issue 9 §3): synthesized floods that would grow a table without end — distinct Call-IDs,
/// UDP flows, fragments that never complete, endless TCP streams, a 10 MB SIP header — run through the CLI.
/// Peak RSS stays under 300 MB, and when a table hits its cap the evictions are in the JSON
/// (<c>state_evictions</c>) and on the console as a WARNING line: never silent. Sizes are chosen to pass every
/// cap in the engines (200 k live transactions, 4 096 RTP candidates, 4 096 fragment datagrams) while the
/// whole class stays well under three minutes on two cores.
/// </summary>
public class FloodTests
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
        var capture = Synthesize(folder, FloodKind.TcpEndless, o => { o.FloodCount = 64; o.TargetBytes = 40_000_000; });
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        // 64 streams of ~600 KB each without a message end: either the framer gives up on them (an anomaly)
        // or drops buffered bytes (an eviction); both must be visible.
        var evictions = Evictions(report);
        long anomalies = AnomalyCount(report);
        Assert.True(evictions.Values.Sum() + anomalies > 0, $"endless TCP streams left no trace: {Describe(report)}\n{run}");
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

    private static string Synthesize(TempFolder folder, FloodKind kind, Action<SynthesisOptions> configure)
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

    private static (PcapsipRun Run, JsonDocument Report) Analyze(TempFolder folder, string capture)
    {
        var json = Path.Combine(folder.Path, "report.json");
        var run = PcapsipProcess.Run(FloodTimeout, "analyze", "--no-progress", "--json", json, capture);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(0, run.ExitCode);
        return (run, JsonDocument.Parse(File.ReadAllBytes(json)));
    }

    private static void AssertBounded(PcapsipRun run)
    {
        Assert.True(run.PeakRssKb > 0, "peak RSS was not sampled");
        Assert.True(run.PeakRssKb <= MaxPeakRssKb, $"peak RSS {run.PeakRssKb / 1024} MB > {MaxPeakRssKb / 1024} MB: {run}");
    }

    /// <summary>Every non-zero eviction counter has its WARNING line on the console.</summary>
    private static void AssertWarned(PcapsipRun run, Dictionary<string, long> evictions)
    {
        foreach (var (table, count) in evictions.Where(e => e.Value > 0))
            Assert.Contains(run.Stdout.Split('\n'), l => l.StartsWith("WARNING:", StringComparison.Ordinal) && l.Contains(table, StringComparison.Ordinal));
    }

    private static Dictionary<string, long> Evictions(JsonDocument report) =>
        report.RootElement.GetProperty("state_evictions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private static long AnomalyCount(JsonDocument report) =>
        report.RootElement.GetProperty("anomalies").EnumerateObject().Sum(p => p.Value.GetProperty("count").GetInt64());

    private static string Describe(JsonDocument report)
    {
        var root = report.RootElement;
        return $"state_evictions {root.GetProperty("state_evictions")}, anomalies {root.GetProperty("anomalies")}, protocols {root.GetProperty("protocols")}";
    }
}
