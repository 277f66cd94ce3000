using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// A capture on the router's leg toward the PBX sees the REGISTERs the router delivers and nothing the PBX sends to
/// another gateway: alone, it cannot tell a silent PBX from replies that leave another way, and must not claim either.
/// </summary>
public class RouterLegViewTests
{
    [Theory]
    [InlineData("wrong-gateway-drop")]
    [InlineData("scan-during-fault")]
    public async Task A_router_leg_alone_says_no_answer_came_back_not_that_the_server_sent_none(string scenario)
    {
        string dir = Fixtures.PathOf($"lab/{scenario}");
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        var network = expected.RootElement.GetProperty("network");
        string router = network.GetProperty("router1").GetProperty("ip_a").GetString()!;
        string routerMac = network.GetProperty("router1").GetProperty("mac_a").GetString()!;
        string pbx = network.GetProperty("pbx").GetProperty("ip").GetString()!;
        // The lab's record: the PBX answered every REGISTER, toward the wrong gateway.
        Assert.Contains("192.168.0.254", network.GetProperty("pbx").GetProperty("routes")[0].GetString());

        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(Path.Combine(dir, "router1.pcapng"))]);

        // The leg toward the PBX is router 1's own port: every frame there is to or from its MAC.
        var leg = Assert.Single(result.Points, p => p.PortOwnerMac.ToString() == routerMac);
        var cause = Assert.Single(result.Causes, c => c.Kind == CauseKind.ServerSilent);
        Assert.StartsWith("No answer to the REGISTERs of ", cause.Summary);
        Assert.Contains($" comes back through router {router} ", cause.Summary);
        Assert.EndsWith($": {pbx} sends none, or sends them another way (this capture cannot see which).", cause.Summary);
        Assert.DoesNotContain("leaves the REGISTERs", cause.Summary);
        Assert.Contains($"a capture on {pbx}'s own uplink shows whether the replies leave", cause.Fix);
        Assert.All(cause.Findings.Where(f => f.Kind == FindingKind.RegisterUnanswered), f =>
        {
            Assert.False(Assert.IsType<RequestUnansweredEvidence>(f.Evidence).SeesServerTraffic);
            Assert.DoesNotContain("sees the server's own traffic", f.Explanation);
        });
        Assert.NotNull(leg);
    }
}
