using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.PathScenario;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>Responses to one client that change next hop mid-capture: a route change, told as such, and one cause.</summary>
public class RouteChangeTests
{
    private const string Pbx = "0a:00:00:00:00:0a", RouterA = "0a:00:00:00:00:01", RouterB = "0a:00:00:00:00:02";
    private const string PbxAt = "10.20.0.5:5060", Phone = "172.16.9.7:5070";

    /// <summary>A registration answered through <paramref name="first"/>, then a refresh at 20 s whose 200s go to <paramref name="second"/>.</summary>
    private static PathAnalysisResult RegisterThenRefresh(string first, string second, bool refreshRetransmitted)
    {
        var s = new PathScenario();
        var register = Register(Phone, 1, "z9hG4bK-1");
        s.Send(0, RouterA, Pbx, Phone, PbxAt, register, ttl: 62);
        s.Send(0.002, Pbx, first, PbxAt, Phone, Response(register, 200, "OK"));
        var refresh = Register(Phone, 2, "z9hG4bK-2");
        double at = 20, interval = 0.5;
        for (int i = 0; i < (refreshRetransmitted ? 7 : 1); i++)
        {
            s.Send(at, RouterA, Pbx, Phone, PbxAt, refresh, ttl: 62);
            s.Send(at + 0.002, Pbx, second, PbxAt, Phone, Response(refresh, 200, "OK"));
            at += interval;
            interval = Math.Min(interval * 2, 4);
        }
        if (!refreshRetransmitted)
        {
            var third = Register(Phone, 3, "z9hG4bK-3");
            s.Send(40, RouterA, Pbx, Phone, PbxAt, third, ttl: 62);
            s.Send(40.002, Pbx, second, PbxAt, Phone, Response(third, 200, "OK"));
        }
        s.Packet(60, TestFrames.Udp(RouterA, Pbx, "172.16.9.7", "10.20.0.5", 62, 5070, 9999));
        return s.Analyze();
    }

    [Fact]
    public void A_refresh_whose_responses_change_next_hop_and_die_is_a_route_change_that_broke_a_working_registration()
    {
        var result = RegisterThenRefresh(RouterA, RouterB, refreshRetransmitted: true);

        var change = Assert.Single(result.Findings, f => f.Kind == FindingKind.RouteChanged);
        Assert.Contains(RouterA, change.Summary);
        Assert.Contains(RouterB, change.Summary);
        Assert.Equal(RouterA, change.PreviousHop!.Mac.ToString());
        Assert.Equal(RouterB, change.ResponseHop!.Mac.ToString());
        Assert.Equal(2, change.Frames.Count); // the last response before, the first after
        Assert.True(Assert.IsType<RouteChangedEvidence>(change.Evidence).BrokeDelivery);

        var lost = Assert.Single(result.Findings, f => f.Kind == FindingKind.ResponseWrongGateway);
        Assert.Contains("had registered", lost.ClientSymptom);
        Assert.DoesNotContain("never even checked", lost.ClientSymptom);

        var findings = result.Findings.ToList();
        var cause = Assert.Single(CauseBuilder.Build(findings, result.Paths, null));
        Assert.Equal(CauseKind.RouteChanged, cause.Kind);
        Assert.Equal(Severity.Error, cause.Severity);
        Assert.Contains("restore the route", cause.Fix);
        Assert.Contains(RouterA, cause.Fix);
        Assert.All(findings, f => Assert.Equal(cause.Id, f.CauseId));
    }

    [Fact]
    public void A_failover_to_another_working_next_hop_is_a_route_change_warning_only()
    {
        var result = RegisterThenRefresh(RouterA, RouterB, refreshRetransmitted: false);

        var change = Assert.Single(result.Findings, f => f.Kind == FindingKind.RouteChanged);
        Assert.Equal(Severity.Warning, change.Severity);
        Assert.False(Assert.IsType<RouteChangedEvidence>(change.Evidence).BrokeDelivery);
        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Responses_that_always_use_one_next_hop_are_no_route_change()
    {
        var result = RegisterThenRefresh(RouterA, RouterA, refreshRetransmitted: false);
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.RouteChanged);
    }
}
