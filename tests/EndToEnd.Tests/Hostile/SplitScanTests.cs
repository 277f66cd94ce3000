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
    [Fact]
    public void A_scan_spread_over_1024_interfaces_is_counted_whole_in_its_cause()
    {
        using var folder = new TempFolder();
        // 101 unanswered INVITEs per interface: each point's share is a scan of its own (100 requests make one).
        const long Requests = 1_024 * 101;
        var capture = Synthesize(folder, FloodKind.InterfaceCallIds, o =>
        {
            o.FloodCount = Requests;
            o.Format = CaptureFileFormat.Pcapng;
        });
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var scan = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "sip-scan");
        string summary = scan.GetProperty("summary").GetString()!;
        Assert.StartsWith("SIP scan of 10.10.0.10:5060: 101 INVITE requests", summary);
        Assert.EndsWith($"1,024 points each saw a part of the scan, {Requests:N0} requests in all.", summary);
        // The console leads with the same sentence.
        Assert.Contains(run.Stdout.Split('\n'), l => l.StartsWith("[INFO] C1 sip-scan:", StringComparison.Ordinal) && l.Contains($"{Requests:N0} requests in all"));
        // And each merged finding carries its points' sum, which add up to the whole.
        long sum = report.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() == "sip-scan")
            .Sum(f => f.GetProperty("details").TryGetProperty("requests_all_points", out var all) ? all.GetInt64()
                : f.GetProperty("details").GetProperty("requests").GetInt64());
        Assert.Equal(Requests, sum);
    }

    [Fact]
    public void Two_copies_of_a_large_scan_are_not_added_up_when_their_transactions_could_not_all_be_kept()
    {
        // 20 000 scanner REGISTERs captured twice (two files, two points): more than the analysis keeps, so the
        // second point's samples are not in the matching across points and nothing shows they are copies.
        using var folder = new TempFolder();
        var first = Synthesize(folder, FloodKind.RegisterScan, o => o.FloodCount = 20_000);
        var second = Path.Combine(folder.Path, "copy.pcap");
        File.Copy(first, second);
        var json = Path.Combine(folder.Path, "copies.json");
        var run = PcapsipProcess.Run(["analyze", "--no-progress", "--json", json, "--point", "a=" + first, "--point", "b=" + second]);
        Assert.False(run.Crashed, run.ToString());

        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json));
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
}
