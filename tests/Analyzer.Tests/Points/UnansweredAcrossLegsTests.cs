using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Paths;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Points;

/// <summary>
/// Router 1's capture alone, in the lab's scenarios where the PBX's answers never come back through it: each
/// REGISTER is seen on the phones' leg and on the PBX's leg, with no answer on either. Which leg describes it
/// decided the cause: the phones' leg (where each client sends straight to the router) made "the PBX leaves the
/// REGISTERs unanswered, they come straight from the clients, on its link" — the PBX's link holds no phone. The
/// leg nearest the PBX leads: the REGISTERs come in from router 1 there, and no answer comes back through it.
/// </summary>
public class UnansweredAcrossLegsTests
{
    [Theory]
    [InlineData("wrong-gateway-drop")]
    [InlineData("no-route")]
    [InlineData("late-retransmission-400")]
    [InlineData("scan-during-fault")]
    [InlineData("two-subnets-two-gateways")]
    public async Task The_leg_nearest_the_pbx_describes_the_unanswered_registers(string scenario)
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync(
            [CaptureInput.ForFile(PathHarness.Fixture("lab", scenario, "router1.pcapng"))]);

        var unanswered = result.Findings.Where(f => f.Kind == FindingKind.RegisterUnanswered).ToList();
        Assert.NotEmpty(unanswered);
        Assert.All(unanswered, f =>
        {
            Assert.Equal("router1#lan-a", f.LastSeenAt);
            Assert.True(f.RequestHop is { IsRouter: true }, $"{f.Client}: request hop {f.RequestHop?.Address}");
            Assert.Contains("came in from router 192.168.0.1", f.Explanation);
        });
        var cause = Assert.Single(result.Causes, c => c.Severity == Severity.Error);
        Assert.Equal(CauseKind.ServerSilent, cause.Kind);
        Assert.StartsWith("No answer to the REGISTERs of ", cause.Summary);
        Assert.Contains(" comes back through router 192.168.0.1 (02:a0:00:00:00:01)", cause.Summary);
        Assert.DoesNotContain("on its link", cause.Summary);
        // The clients' subnet never takes in the PBX's own: two client subnets are named by their clients instead.
        if (cause.Subnet is { } subnet) Assert.False(subnet.Contains(NetAddress.Parse("192.168.0.10")), subnet.ToString());
        Assert.Equal(scenario == "two-subnets-two-gateways" ? null : "192.168.1.0/24", cause.Subnet?.ToString());
    }
}
