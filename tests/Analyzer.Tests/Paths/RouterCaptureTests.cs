using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// The lab's second capture point, router 1 (both legs in one pcapng), analysed alone. Its expected.json speaks
/// for the PBX uplink; what router 1 must show follows from the scenario as the lab describes it.
/// </summary>
public class RouterCaptureTests
{
    private static Task<PathAnalysisResult> Analyze(string scenario) =>
        PathHarness.AnalyzeAsync(PathHarness.Fixture("lab", scenario, "router1.pcapng"), tsharkSip: false);

    [Fact]
    public async Task Healthy_shows_no_error_or_warning()
    {
        var result = await Analyze("healthy");
        Assert.DoesNotContain(result.Findings, f => f.Severity != Severity.Info);
    }

    [Fact]
    public async Task Wrong_gateway_drop_shows_registers_that_nothing_answers()
    {
        // "Router 1 sees the REGISTERs on both legs and no response at all."
        var result = await Analyze("wrong-gateway-drop");
        Assert.Equal(["192.168.1.20:5060", "192.168.1.21:5060"], result.Findings.Select(f => f.Client ?? "").Order().ToArray());
        Assert.All(result.Findings, f => Assert.Equal(FindingKind.RegisterUnanswered, f.Kind));
    }

    [Fact]
    public async Task Wrong_gateway_forward_shows_responses_coming_back_from_the_other_gateway()
    {
        // "On router 1 the responses arrive on lan-a from 02:a0:00:00:00:fe, not from the PBX's MAC."
        var result = await Analyze("wrong-gateway-forward");
        Assert.Equal(2, result.Findings.Count);
        Assert.All(result.Findings, f =>
        {
            Assert.Equal(FindingKind.AsymmetricPath, f.Kind);
            Assert.Equal(PathSide.Client, Assert.IsType<AsymmetricPathEvidence>(f.Evidence).Path!.Side);
            Assert.Contains("came back from router 192.168.0.254 (02:a0:00:00:00:fe)", f.Explanation);
        });
    }
}
