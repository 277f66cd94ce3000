using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.EndToEnd.Tests.Hostile.FloodTests;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// One source REGISTERing once at each address of a network (svmap -m REGISTER without its User-Agent) leaves every
/// address one request. Each was an error cause — "10.10.0.1 sends no answer to the REGISTERs of 203.0.113.0/24", and 253
/// more. The source's sweep is one scan, told once.
/// </summary>
public class RegisterSweepTests
{
    [Fact]
    public void A_register_sweep_of_a_network_is_one_scan_cause_not_an_error_per_address()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.RegisterSweep, o => o.FloodCount = 254);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("sip-scan", cause.GetProperty("kind").GetString());
        Assert.Equal("info", cause.GetProperty("severity").GetString());
        Assert.Contains("The same source also scanned 253 more server endpoints (10.10.0.2:5060, ", cause.GetProperty("summary").GetString());
        Assert.StartsWith("No routing or registration problem found: ", run.Stdout.Split('\n')[0]);
        // Its filter is every request of the sweeper, as tshark reads it.
        string filter = cause.GetProperty("wireshark_filter").GetString()!;
        Assert.Equal("(ip.src == 203.0.113.77) && sip.Method", filter);
        Assert.Equal(254, Tshark.Fields(capture, filter, ["frame.number"]).Count);
    }

    [Fact]
    public void Nineteen_addresses_are_not_yet_a_sweep()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.RegisterSweep, o => o.FloodCount = 19);
        var (_, report) = Analyze(folder, capture);
        Assert.DoesNotContain(report.RootElement.GetProperty("causes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "sip-scan");
    }
}
