using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.EndToEnd.Tests.Hostile.FloodTests;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// A scan whose requests were split between the interfaces of a capture is one scan: the cause names the whole of
/// it (every point's requests summed), not the share of the point whose wording leads. The same scan seen at a
/// router's leg and at the server's uplink is one count, never two.
/// </summary>
public class SplitScanTests
{
    // 101 unanswered INVITEs per interface: each point's share is a scan of its own (100 requests make one); 60: no
    // point alone saw a scan, only all of them together.
    [Theory]
    [InlineData(101)]
    [InlineData(60)]
    public void A_scan_spread_over_1024_interfaces_is_counted_whole_in_its_cause(int perInterface)
    {
        using var folder = new TempFolder();
        long requests = 1_024 * perInterface;
        var capture = Synthesize(folder, FloodKind.InterfaceCallIds, o =>
        {
            o.FloodCount = requests;
            o.Format = CaptureFileFormat.Pcapng;
        });
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var scan = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "sip-scan");
        string summary = scan.GetProperty("summary").GetString()!;
        Assert.StartsWith($"SIP scan of 10.10.0.10:5060: {perInterface} INVITE requests", summary);
        Assert.EndsWith($"1,024 points each saw a part of the scan, {requests:N0} requests in all.", summary);
        Assert.Contains("the SIP scan below (C1) is noise", run.Stdout.Split('\n')[0]);
        // The console leads with the same sentence.
        Assert.Contains(run.Stdout.Split('\n'), l => l.StartsWith("[INFO] C1 sip-scan:", StringComparison.Ordinal) && l.Contains($"{requests:N0} requests in all"));
        // And each merged finding carries its points' sum, which add up to the whole.
        long sum = report.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() == "sip-scan")
            .Sum(f => f.GetProperty("details").TryGetProperty("requests_all_points", out var all) ? all.GetInt64()
                : f.GetProperty("details").GetProperty("requests").GetInt64());
        Assert.Equal(requests, sum);
    }

    [Fact]
    public void Two_copies_of_a_large_scan_are_not_added_up_when_their_transactions_could_not_all_be_kept()
    {
        // 20 000 scanner REGISTERs captured twice (two files, two points): more than the analysis keeps, so the
        // second point's samples are not in the matching across points and nothing shows they are copies.
        using var folder = new TempFolder();
        var first = Synthesize(folder, FloodKind.RegisterScan, o => o.FloodCount = 20_000);
        using var report = AnalyzeAsTwoPoints(folder, first, CopyOf(folder, first)).Report;
        var scan = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "sip-scan");
        Assert.StartsWith("SIP scan of 10.10.0.10:5060: 20,000 ", scan.GetProperty("summary").GetString());
        Assert.DoesNotContain("in all", scan.GetProperty("summary").GetString());
    }

    [Fact]
    public void The_same_scan_at_a_router_and_at_the_uplink_is_not_added_up()
    {
        using var folder = new TempFolder();
        var json = Path.Combine(folder.Path, "report.json");
        var run = PcapsipProcess.Run(["analyze", "--no-progress", "--json", json,
            "--point", "router=" + Fixtures.PathOf("lab/scan-during-fault/router1.pcapng"),
            "--point", "uplink=" + Fixtures.PathOf("lab/scan-during-fault/pbx-uplink.pcap")]);
        Assert.False(run.Crashed, run.ToString());

        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json));
        var scan = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "sip-scan");
        // 250 requests, seen at both points: said once, with no sum of the two views.
        Assert.StartsWith("SIP scan of 192.168.0.10:5060: 250 REGISTER/OPTIONS requests", scan.GetProperty("summary").GetString());
        Assert.DoesNotContain("in all", scan.GetProperty("summary").GetString());
        Assert.All(report.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("kind").GetString() == "sip-scan"),
            f => Assert.False(f.GetProperty("details").TryGetProperty("requests_all_points", out _)));
    }

    [Fact]
    public void Two_copies_of_a_thin_scan_make_no_scan_and_two_halves_make_one()
    {
        // 60 unanswered INVITEs from 60 sources: no scan at one point. Twice the same capture is the same 60 requests
        // seen at two points, still no scan; two different captures of 60 are 120 requests, a scan.
        using var folder = new TempFolder();
        var first = Synthesize(folder, FloodKind.CallIds, o => o.FloodCount = 60);
        var copy = CopyOf(folder, first);
        var other = Path.Combine(folder.Path, "other.pcap");
        CaptureSynthesis.Run(new SynthesisOptions { OutputPath = other, Flood = FloodKind.CallIds, FloodCount = 60, Seed = 77 });

        Assert.Empty(ScanCauses(first, copy));
        var halves = Assert.Single(ScanCauses(first, other));
        Assert.EndsWith("2 points each saw a part of the scan, 120 requests in all.", halves);

        List<string> ScanCauses(string a, string b)
        {
            var (run, json) = AnalyzeAsTwoPoints(folder, a, b);
            using var report = json;
            Assert.Equal(0, run.ExitCode);
            // No per-client finding stands in for the scan either way.
            Assert.All(report.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Equal("sip-scan", f.GetProperty("kind").GetString()));
            return report.RootElement.GetProperty("causes").EnumerateArray().Where(c => c.GetProperty("kind").GetString() == "sip-scan")
                .Select(c => c.GetProperty("summary").GetString()!).ToList();
        }
    }

    private static string CopyOf(TempFolder folder, string capture)
    {
        var copy = Path.Combine(folder.Path, "copy" + Path.GetExtension(capture));
        File.Copy(capture, copy);
        return copy;
    }

    // The two captures as points "a" and "b", with the JSON report.
    private static (PcapsipRun Run, System.Text.Json.JsonDocument Report) AnalyzeAsTwoPoints(TempFolder folder, string a, string b)
    {
        var json = Path.Combine(folder.Path, "two-points.json");
        var run = PcapsipProcess.Run(["analyze", "--no-progress", "--json", json, "--point", "a=" + a, "--point", "b=" + b]);
        Assert.False(run.Crashed, run.ToString());
        return (run, System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json)));
    }
}
