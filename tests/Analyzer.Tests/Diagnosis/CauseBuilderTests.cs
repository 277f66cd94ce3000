using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Tests.Paths;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.PathScenario;

namespace PcapSipAnalyzer.Analyzer.Tests.Diagnosis;

/// <summary>
/// Findings grouped into causes on a hand-written PBX uplink: two subnets whose replies go to two different
/// wrong gateways, a healthy on-link phone, and a scan-free background. One error cause per bad route.
/// </summary>
public class CauseBuilderTests
{
    private const string Pbx = "0a:00:00:00:00:0a", Router = "0a:00:00:00:00:01", WrongB = "0a:00:00:00:00:fe", WrongC = "0a:00:00:00:00:fd";
    private const string Desk = "0a:00:00:00:00:30";
    private const string PbxAt = "10.20.0.5:5060";

    private static PathAnalysisResult TwoBadRoutes()
    {
        var s = new PathScenario();
        // The routers announce themselves, so the fix can name their addresses.
        s.Packet(0, TestFrames.Arp(Router, "10.20.0.1", "10.20.0.5", operation: 2));
        s.Packet(0, TestFrames.Arp(WrongB, "10.20.0.254", "10.20.0.5", operation: 2));
        s.Packet(0, TestFrames.Arp(WrongC, "10.20.0.253", "10.20.0.5", operation: 2));
        int branch = 0;
        foreach (var (phone, wrong) in new[] { ("172.16.9.7:5060", WrongB), ("172.16.9.8:5060", WrongB), ("172.16.10.7:5060", WrongC) })
        {
            var register = Register(phone, 1, $"z9hG4bK-{branch++}");
            double at = 1, interval = 0.5;
            for (int i = 0; i < 6; i++)
            {
                s.Send(at, Router, Pbx, phone, PbxAt, register, ttl: 62);
                s.Send(at + 0.001, Pbx, wrong, PbxAt, phone, Response(register, 401, "Unauthorized", "n1"));
                at += interval;
                interval = Math.Min(interval * 2, 4);
            }
        }
        var desk = Register("10.20.0.30:5060", 1, "z9hG4bK-desk");
        s.Send(2, Desk, Pbx, "10.20.0.30:5060", PbxAt, desk);
        s.Send(2.001, Pbx, Desk, PbxAt, "10.20.0.30:5060", Response(desk, 200, "OK"));
        var again = Register("10.20.0.30:5060", 2, "z9hG4bK-desk2");
        s.Send(3, Desk, Pbx, "10.20.0.30:5060", PbxAt, again);
        s.Send(3.001, Pbx, Desk, PbxAt, "10.20.0.30:5060", Response(again, 200, "OK"));
        s.Packet(60, TestFrames.Udp(Router, Pbx, "172.16.9.7", "10.20.0.5", 62, 5060, 9999));
        return s.Analyze();
    }

    [Fact]
    public void Two_subnets_behind_two_wrong_gateways_are_two_causes_each_with_its_subnet_and_fix()
    {
        var result = TwoBadRoutes();
        var findings = result.Findings.ToList();
        var causes = CauseBuilder.Build(findings, result.Paths, null);

        Assert.Equal(2, causes.Count);
        Assert.All(causes, c => Assert.Equal(CauseKind.WrongGatewayRoute, c.Kind));
        Assert.All(causes, c => Assert.Equal(Severity.Error, c.Severity));
        var b = Assert.Single(causes, c => c.WrongNextHop!.Mac.ToString() == WrongB);
        var c = Assert.Single(causes, c => c.WrongNextHop!.Mac.ToString() == WrongC);
        Assert.Equal("172.16.9.0/24", b.Subnet?.ToString());
        Assert.Equal("172.16.10.0/24", c.Subnet?.ToString());
        Assert.Equal(2, b.ClientCount);
        Assert.Equal(1, c.ClientCount);
        Assert.Equal("On 10.20.0.5, route 172.16.9.0/24 via 10.20.0.1 (where its requests come from), not via 10.20.0.254.", b.Fix);
        Assert.Equal("On 10.20.0.5, route 172.16.10.0/24 via 10.20.0.1 (where its requests come from), not via 10.20.0.253.", c.Fix);
        Assert.Contains("10.20.0.30:5060", b.HealthyClients);

        // Ids in report order; every finding cites its cause, and the findings follow their causes.
        Assert.Equal(["C1", "C2"], causes.Select(x => x.Id));
        Assert.Equal(findings.Select((_, i) => "F" + (i + 1)), findings.Select(f => f.Id));
        Assert.Equal(findings.Select(f => f.CauseId).ToList(), findings.Select(f => f.CauseId).Order(StringComparer.Ordinal).ToList());
        Assert.All(causes, x => Assert.All(x.Findings, f => Assert.Equal(x.Id, f.CauseId)));
    }

    [Fact]
    public void A_route_that_breaks_hundreds_of_phones_is_one_cause_counting_all_of_them_with_a_bounded_list_of_findings()
    {
        var s = new PathScenario();
        s.Packet(0, TestFrames.Arp(Router, "10.20.0.1", "10.20.0.5", operation: 2));
        s.Packet(0, TestFrames.Arp(WrongB, "10.20.0.254", "10.20.0.5", operation: 2));
        const int Phones = FindingCap.MaxPerKind + 50;
        for (int p = 0; p < Phones; p++)
        {
            string phone = $"172.16.{9 + p / 200}.{10 + p % 200}:5060";
            var register = Register(phone, 1, $"z9hG4bK-{p}");
            for (int i = 0; i < 3; i++)
            {
                s.Send(1 + i, Router, Pbx, phone, PbxAt, register, ttl: 62);
                s.Send(1 + i + 0.001, Pbx, WrongB, PbxAt, phone, Response(register, 401, "Unauthorized", "n1"));
            }
        }
        s.Packet(60, TestFrames.Udp(Router, Pbx, "172.16.9.10", "10.20.0.5", 62, 5060, 9999));
        var result = s.Analyze();
        var findings = result.Findings.ToList();

        var cause = Assert.Single(CauseBuilder.Build(findings, result.Paths, null));
        Assert.Equal(Phones, cause.ClientCount);
        Assert.Equal(Cause.MaxClients, cause.Clients.Count);
        Assert.Equal("172.16.8.0/22", cause.Subnet?.ToString());
        Assert.Equal(FindingCap.MaxPerKind + 1, findings.Count);
        var rest = Assert.Single(findings, f => f.Evidence is CappedFindingsEvidence);
        Assert.Equal(50, Assert.IsType<CappedFindingsEvidence>(rest.Evidence).FindingsNotListed);
        Assert.All(findings, f => Assert.Equal(cause.Id, f.CauseId));
    }

    [Fact]
    public void A_healthy_capture_has_no_cause()
    {
        var s = new PathScenario();
        var desk = Register("10.20.0.30:5060", 1, "z9hG4bK-desk");
        s.Send(2, Desk, Pbx, "10.20.0.30:5060", PbxAt, desk);
        s.Send(2.001, Pbx, Desk, PbxAt, "10.20.0.30:5060", Response(desk, 200, "OK"));
        var result = s.Analyze();
        Assert.Empty(CauseBuilder.Build(result.Findings.ToList(), result.Paths, null));
    }
}
