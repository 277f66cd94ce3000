using System.Text.Json;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.EndToEnd.Tests.Hostile.FloodTests;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// One internet address registering extension after extension, each once (svwar without its User-Agent), is too small
/// for a hundred-request scan. Dropped by the PBX's firewall it read as an error — the PBX "leaving a client's REGISTERs
/// unanswered, check its route back"; answered 404 and 401, as "password guessing" though it sent no password. It is an
/// enumeration, the scan it is, and beside a real routing fault it stays beside it.
/// </summary>
public class ExtensionEnumerationTests
{
    [Fact]
    public void Forty_extensions_tried_once_each_from_one_address_and_dropped_are_a_scan_not_a_silent_server()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.ExtensionEnumeration, o => o.FloodCount = 40);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("sip-scan", cause.GetProperty("kind").GetString());
        Assert.Equal("info", cause.GetProperty("severity").GetString());
        Assert.Equal("SIP scan of 10.10.0.10:5060: 40 REGISTER requests from 1 source address for 40 AORs (an extension enumeration); answered none of them.",
            cause.GetProperty("summary").GetString());
        Assert.StartsWith("No routing or registration problem found: ", run.Stdout.Split('\n')[0]);
        // Its filter finds every request of the enumeration, as tshark reads it.
        string filter = cause.GetProperty("wireshark_filter").GetString()!;
        Assert.Equal(Tshark.Fields(capture, "sip.Method == \"REGISTER\"", ["frame.number"]).Count, Tshark.Fields(capture, filter, ["frame.number"]).Count);
    }

    [Fact]
    public void An_enumeration_answered_404_and_401_is_a_scan_not_password_guessing()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.ExtensionEnumeration, o => { o.FloodCount = 60; o.ScanAnswered = 1; });
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("sip-scan", cause.GetProperty("kind").GetString());
        Assert.EndsWith("for 60 AORs (an extension enumeration); rejected all of them (404 \u00d748, 401 \u00d712).", cause.GetProperty("summary").GetString());
        // Without a password sent there was nothing to guess; the 404s tell the scanner which extensions exist.
        Assert.DoesNotContain(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "registration-rejected");
        Assert.Contains("answered others with 404 Not Found: to a scanner that tells which extensions exist",
            report.RootElement.GetProperty("findings")[0].GetProperty("explanation").GetString());
    }

    [Fact]
    public void Nineteen_extensions_are_not_yet_an_enumeration()
    {
        // The threshold is the scan's 20 AORs: below it the unanswered requests are what they look like.
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.ExtensionEnumeration, o => o.FloodCount = 19);
        var (_, report) = Analyze(folder, capture);
        Assert.Equal(["server-silent"], report.RootElement.GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
    }

    [Fact]
    public void Beside_the_wrong_gateway_fault_the_enumeration_is_noise_and_the_fault_comes_first()
    {
        using var folder = new TempFolder();
        var enumeration = Synthesize(folder, FloodKind.ExtensionEnumeration, o => o.FloodCount = 40);
        string lab = Fixtures.PathOf("lab/wrong-gateway-drop/pbx-uplink.pcap");
        var json = Path.Combine(folder.Path, "both.json");
        var run = PcapsipProcess.Run(["analyze", "--no-progress", "--json", json, "--point", "uplink=" + lab, "--point", "edge=" + enumeration]);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(0, run.ExitCode);

        using var report = JsonDocument.Parse(File.ReadAllBytes(json));
        var causes = report.RootElement.GetProperty("causes").EnumerateArray().ToList();
        Assert.Equal("wrong-gateway-route", causes[0].GetProperty("kind").GetString());
        Assert.Equal("error", causes[0].GetProperty("severity").GetString());
        Assert.DoesNotContain(causes[0].GetProperty("clients").EnumerateArray(), c => c.GetString()!.StartsWith("203.0.113.77", StringComparison.Ordinal));
        var scan = Assert.Single(causes, c => c.GetProperty("kind").GetString() == "sip-scan");
        Assert.Equal("info", scan.GetProperty("severity").GetString());
        Assert.DoesNotContain(causes, c => c.GetProperty("kind").GetString() == "server-silent");
    }
}
