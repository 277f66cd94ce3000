using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.TestFrames;

namespace PcapSipAnalyzer.Analyzer.Tests.Diagnosis;

/// <summary>
/// What "no response" proves depends on where it was captured: on the server's uplink, that the server sent none;
/// on a router's leg, that none came back that way; on the clients' side, that none came back at all.
/// </summary>
public class ServerSilentViewTests
{
    private static readonly NextHop Router1 =
        new() { Segment = new SegmentKey(0, 0, 0), Mac = Mac("02:a0:00:00:00:01"), Addresses = [Ip("192.168.0.1")], IsRouter = true };

    private static Cause Describe(PathSide side, bool seesServer)
    {
        var path = new TransactionPathEvidence(Router1, null, null, 0, 0, 64, 0, side, ResponseDelivery.NoResponse, "", 0);
        var finding = new Finding
        {
            Kind = FindingKind.RegisterUnanswered, Severity = Severity.Error, Summary = "s",
            Evidence = new RequestUnansweredEvidence(path) { SeesServerTraffic = seesServer },
        };
        var cause = new Cause { Kind = CauseKind.ServerSilent, Server = "192.168.0.10", ClientCount = 2, RightNextHop = Router1 };
        cause.Clients.AddRange(["192.168.1.20:5060", "192.168.1.21:5060"]);
        cause.Findings.Add(finding);
        CauseText.Describe(cause, finding);
        return cause;
    }

    [Fact]
    public void On_the_servers_uplink_the_server_left_them_unanswered()
    {
        var c = Describe(PathSide.Server, seesServer: true);
        Assert.StartsWith("192.168.0.10 leaves the REGISTERs of 2 clients ", c.Summary);
        Assert.Contains("(it should go via 192.168.0.1, where the requests come in)", c.Fix);
    }

    [Fact]
    public void On_a_routers_leg_no_answer_came_back_that_way()
    {
        var c = Describe(PathSide.Server, seesServer: false);
        Assert.StartsWith("No answer to the REGISTERs of 2 clients ", c.Summary);
        Assert.Contains(" comes back through router 192.168.0.1 ", c.Summary);
        Assert.Contains("a capture on 192.168.0.10's own uplink shows whether the replies leave", c.Fix);
    }

    [Fact]
    public void On_the_clients_side_the_hop_is_their_way_out_not_the_servers_route()
    {
        var c = Describe(PathSide.Client, seesServer: false);
        Assert.StartsWith("No answer to the REGISTERs of 2 clients ", c.Summary);
        Assert.Contains(" came back from 192.168.0.10 (they leave through router 192.168.0.1 ", c.Summary);
        Assert.EndsWith("(this capture, on the clients' side, cannot see which).", c.Summary);
        Assert.StartsWith("Check whether 192.168.0.10 answers at all", c.Fix);
        Assert.Contains("the firewall or NAT at 192.168.0.1, which the requests leave through", c.Fix);
        Assert.DoesNotContain("it should go via", c.Fix);
    }
}
