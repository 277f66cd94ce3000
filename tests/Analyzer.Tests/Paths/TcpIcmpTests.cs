using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>An ICMP error quoting a SYN-ACK ties to its TCP connection, as one quoting a UDP SIP message ties to its transaction.</summary>
public class TcpIcmpTests
{
    private const string Pbx = "0a:00:00:00:00:0a", RouterA = "0a:00:00:00:00:01", RouterB = "0a:00:00:00:00:02";

    [Fact]
    public void An_unreachable_quoting_the_syn_ack_is_an_icmp_error_of_that_client_and_joins_the_routing_cause()
    {
        var s = new PathScenario();
        s.Packet(0, TestFrames.Arp(RouterB, "10.20.0.254", "10.20.0.5", operation: 2));
        for (int i = 0; i < 4; i++)
        {
            double at = i;
            s.Packet(at, TestFrames.Tcp(RouterA, Pbx, "172.16.9.7", 40000, "10.20.0.5", 5060, 0x02, seq: 1000, ttl: 62));
            s.Packet(at + 0.001, TestFrames.Tcp(Pbx, RouterB, "10.20.0.5", 5060, "172.16.9.7", 40000, 0x12, seq: 5000, ack: 1001));
            // Router B cannot deliver it and says so, quoting the SYN-ACK.
            s.Packet(at + 0.002, TestFrames.IcmpError(RouterB, Pbx, "10.20.0.254", "10.20.0.5", 3, 1,
                "10.20.0.5", 5060, "172.16.9.7", 40000, 0, quotedProtocol: 6));
        }

        var result = s.Analyze();

        var icmp = Assert.Single(result.Findings, f => f.Kind == FindingKind.IcmpError);
        Assert.Equal("172.16.9.7:40000", icmp.Client);
        Assert.Equal(Severity.Error, icmp.Severity);
        Assert.Equal(4, icmp.Count);
        Assert.Contains("a TCP segment from 10.20.0.5:5060 to 172.16.9.7:40000", icmp.Explanation);
        var synAck = Assert.Single(result.Findings, f => f.Kind == FindingKind.SynAckWrongGateway);

        var findings = result.Findings.ToList();
        var cause = Assert.Single(CauseBuilder.Build(findings, result.Paths, null));
        Assert.Equal(CauseKind.WrongGatewayRoute, cause.Kind);
        Assert.Contains(icmp, cause.Findings);
        Assert.Contains(synAck, cause.Findings);
    }
}
