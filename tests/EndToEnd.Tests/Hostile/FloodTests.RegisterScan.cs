using System.Text.Json;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.Synthesizer.Output;
using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// A SIPVicious-style REGISTER scan through one router MAC: once a finding per scanning client, each naming the
/// router by every address it forwarded for (10 000 scanners: a 1.8 GB JSON; 100 000: killed at 24 GB). Now one
/// sip-scan finding with counts and samples, and a phone's own fault still reported beside it. The full 1 M
/// size runs in floods.sh; its table is in README.md.
/// </summary>
public partial class FloodTests
{
    private const long MaxConsoleBytes = 1_000_000;
    private const long MaxJsonBytes = 300_000_000;

    [Fact]
    public void Register_scan_of_fifty_thousand_sources_is_one_finding_and_stays_bounded()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.RegisterScan, o => o.FloodCount = 50_000);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        Assert.True(run.Stdout.Length <= MaxConsoleBytes, $"console report {run.Stdout.Length:N0} bytes");
        Assert.True(new FileInfo(Path.Combine(folder.Path, "report.json")).Length <= MaxJsonBytes);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var scan = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "sip-scan");
        Assert.Equal(50_000, scan.GetProperty("count").GetInt64());
        Assert.Equal(50_000, scan.GetProperty("details").GetProperty("sources").GetInt64());
        Assert.Equal("info", scan.GetProperty("severity").GetString()); // nothing was accepted
        Assert.Contains("02:5c:a7:00:00:01", scan.GetProperty("explanation").GetString());
        // No per-client finding of any kind for the scanning clients: they are all in the one finding.
        Assert.Equal(["sip-scan"], findings.Select(f => f.GetProperty("kind").GetString()));
    }

    [Fact]
    public void Register_scan_that_is_only_rejected_is_one_finding_without_per_client_rejections()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.RegisterScan, o => { o.FloodCount = 5_000; o.ScanAnswered = 1.0; });
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder.Path, "RegisterScan.truth.json")));
        long rejections = truth.RootElement.GetProperty("flood").GetProperty("bytes").GetInt64();
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var scan = Assert.Single(findings);
        Assert.Equal("sip-scan", scan.GetProperty("kind").GetString());
        var statuses = scan.GetProperty("details").GetProperty("final_statuses").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(["401", "403", "404"], statuses.Keys.Order());
        Assert.Equal(5_000, rejections);
        Assert.Equal(rejections, statuses.Values.Sum()); // every rejection the PBX sent
        Assert.Contains("rejected all of them", scan.GetProperty("summary").GetString());
    }

    [Fact]
    public void Register_scan_during_the_wrong_gateway_fault_leaves_the_phones_error_findings()
    {
        // The field case's PBX-uplink capture with 12 000 scanners laid over it, arriving through the same
        // router as the softphones: more scan transactions than the report retains, all before the phones' fault
        // is decided.
        using var folder = new TempFolder();
        var lab = Fixtures.PathOf("lab/wrong-gateway-drop/pbx-uplink.pcap");
        var scanFile = Path.Combine(folder.Path, "scan.pcap");
        var options = new SynthesisOptions { OutputPath = scanFile, Flood = FloodKind.RegisterScan, FloodCount = 12_000, Seed = 9 };
        var pbx = new Host(Host.Ipv4(192, 168, 0, 10), 0x02_a0_00_00_00_10UL, 0x02_a0_00_00_00_10UL, 64, 1);
        using (var file = File.Create(scanFile))
        using (var writer = new CaptureFileWriter(file, CaptureFileFormat.Pcap))
        {
            var scan = new RegisterScan(options, new SeededRandom(9), pbx)
            {
                RouterMac = 0x02_a0_00_00_00_01UL,
                RouterIp = Host.Ipv4(192, 168, 0, 1),
                StartNs = PcapMerge.FirstTimestampNs(lab) + 100_000_000,
            };
            scan.Write(writer, new GroundTruth());
            writer.Flush();
        }
        var merged = Path.Combine(folder.Path, "merged.pcap");
        PcapMerge.Merge(merged, lab, scanFile);
        var (run, report) = Analyze(folder, merged);

        AssertBounded(run);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var scanFinding = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "sip-scan");
        Assert.Equal(12_000, scanFinding.GetProperty("count").GetInt64());
        var wrong = findings.Where(f => f.GetProperty("kind").GetString() == "response-wrong-gateway").ToList();
        Assert.Equal(["192.168.1.20:5060", "192.168.1.21:5060"], wrong.Select(f => f.GetProperty("client").GetString()).Order());
        foreach (var f in wrong)
        {
            Assert.Equal("error", f.GetProperty("severity").GetString());
            var why = f.GetProperty("explanation").GetString()!;
            Assert.Contains("router 192.168.0.1 (02:a0:00:00:00:01)", why);
            Assert.True(why.Length < 2_000, $"explanation of {why.Length} characters: {why[..300]}");
        }
        // Every other finding is about the lab's own clients, none about a scanner.
        Assert.All(findings.Where(f => f.GetProperty("kind").GetString() != "sip-scan"),
            f => Assert.StartsWith("192.168.", f.GetProperty("client").GetString()));
        Assert.True(run.Stdout.Length <= MaxConsoleBytes, $"console report {run.Stdout.Length:N0} bytes");
    }
}
