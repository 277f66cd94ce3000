using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.TestFrames;

namespace PcapSipAnalyzer.Analyzer.Tests.Diagnosis;

/// <summary>
/// An asymmetric route's fix names a gateway only when the requests came through one. When a "next hop" is the
/// server itself or the client itself (an on-link exchange, or a capture taken on the client's or the server's
/// link), the old wording told the server to "route via" its own address or a phone's.
/// </summary>
public class AsymmetricRouteCauseTests
{
    private static NextHop Hop(string mac, string ip, bool router) =>
        new() { Segment = new SegmentKey(0, 0, 0), Mac = Mac(mac), Addresses = [Ip(ip)], IsRouter = router };

    private static Cause Describe(NextHop wrong, NextHop right)
    {
        var cause = new Cause
        {
            Kind = CauseKind.AsymmetricRoute, Server = "192.168.0.10", ClientCount = 1,
            WrongNextHop = wrong, RightNextHop = right,
        };
        cause.Clients.Add("192.168.1.20:5060");
        CauseText.Describe(cause, new Finding { Kind = FindingKind.AsymmetricPath, Severity = Severity.Warning, Summary = "s" });
        return cause;
    }

    private static readonly NextHop Router1 = Hop("02:a0:00:00:00:01", "192.168.0.1", router: true);
    private static readonly NextHop Router2 = Hop("02:a0:00:00:00:fe", "192.168.0.254", router: true);
    private static readonly NextHop Server = Hop("02:a0:00:00:00:10", "192.168.0.10", router: false);
    private static readonly NextHop Client = Hop("02:b0:00:00:00:20", "192.168.1.20", router: false);

    [Fact]
    public void Through_two_routers_the_fix_is_the_route_the_requests_take()
    {
        var c = Describe(wrong: Router2, right: Router1);
        Assert.Equal("On 192.168.0.10, route 192.168.1.20:5060 via 192.168.0.1 too, so replies take the path the requests take; "
                     + "today a firewall, NAT or SIP ALG on either route sees half of each exchange.", c.Fix);
    }

    [Fact]
    public void Requests_straight_from_the_client_mean_the_server_should_reach_it_directly()
    {
        var c = Describe(wrong: Router2, right: Client);
        Assert.StartsWith("On 192.168.0.10, reach 192.168.1.20:5060 directly", c.Fix);
        Assert.DoesNotContain("via 192.168.1.20", c.Fix);
        Assert.Contains("not via 192.168.0.254", c.Fix);
    }

    [Fact]
    public void Requests_seen_delivered_to_the_server_name_no_gateway()
    {
        var c = Describe(wrong: Router2, right: Server);
        Assert.DoesNotContain("via 192.168.0.10", c.Fix);
        Assert.Contains("via the router that delivers its requests", c.Fix);
    }

    [Fact]
    public void Replies_straight_from_the_server_put_the_detour_on_the_client()
    {
        var c = Describe(wrong: Server, right: Router1);
        Assert.StartsWith("On the client 192.168.1.20:5060, reach 192.168.0.10 directly", c.Fix);
        Assert.StartsWith("Requests from 192.168.1.20:5060 reach 192.168.0.10 through router 192.168.0.1", c.Summary);
    }

    [Fact]
    public async Task On_a_mirrored_lan_no_fix_routes_via_an_endpoint_of_the_exchange()
    {
        // heplify's ERSPAN capture: the PBX 192.168.1.222 sends to 192.168.1.191 and .198 through router
        // 48:7a:da:95:87:8d while they answer it directly (tshark: its frames to them carry that router's MAC).
        string path = Fixtures.PathOf("public/heplify/erspan_sip_ipv4_udp.pcapng");
        var macs = Tshark.Run("-r", path, "-Y", "ip.src == 192.168.1.222 && ip.dst == 192.168.1.191 && sip", "-T", "fields", "-e", "eth.dst")
            .Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(macs);
        Assert.All(macs, m => Assert.Equal("48:7a:da:95:87:8d", m.Split(',')[^1]));

        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);
        var causes = result.Causes.Where(c => c.Kind == CauseKind.AsymmetricRoute).ToList();
        Assert.NotEmpty(causes);
        foreach (var c in causes)
            foreach (var endpoint in new[] { "192.168.1.222", "192.168.1.191", "192.168.1.198" })
                Assert.DoesNotContain($"via {endpoint}", c.Fix);
        Assert.Contains(causes, c => c.Fix.StartsWith("On 192.168.1.222, reach", StringComparison.Ordinal));
        // The router's IP never shows in the capture: the fix names its MAC to look it up by, as a router, not as an address.
        Assert.All(causes, c => Assert.Contains("not via the router with MAC 48:7a:da:95:87:8d", c.Fix));
    }
}
