using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Diagnosis;

public class AffectedSubnetTests
{
    private static NetAddress[] Ips(params string[] ips) => ips.Select(NetAddress.Parse).ToArray();

    [Theory]
    // Clients of one /24 with healthy ones elsewhere: the /24.
    [InlineData("192.168.1.20,192.168.1.21", "192.168.0.30", "192.168.1.0/24")]
    // A healthy client inside the /24 narrows the prefix until it is out.
    [InlineData("192.168.1.20,192.168.1.21", "192.168.1.5", "192.168.1.16/28")]
    // Clients across two /24s: their common prefix, as long as no healthy client is in it.
    [InlineData("10.1.2.7,10.1.3.9", "10.1.0.4", "10.1.2.0/23")]
    // A healthy client between the affected ones: no subnet holds them all without it.
    [InlineData("10.1.2.7,10.1.2.9", "10.1.2.8", null)]
    public void The_subnet_holds_every_affected_client_and_no_healthy_one(string affected, string healthy, string? expected)
    {
        var subnet = AffectedSubnet.Infer(Ips(affected.Split(',')), Ips(healthy.Split(',')), null);
        Assert.Equal(expected, subnet?.ToString());
    }

    [Fact]
    public void The_topology_files_subnet_wins_when_it_holds_every_affected_client()
    {
        var topology = TopologyFile.Parse("{\"subnets\": [{\"cidr\": \"192.168.0.0/22\", \"gateway\": \"192.168.0.1\"}]}");
        var subnet = AffectedSubnet.Infer(Ips("192.168.1.20", "192.168.2.21"), Ips("192.168.3.9"), topology);
        Assert.Equal("192.168.0.0/22", subnet?.ToString());
    }

    [Fact]
    public void Mixed_families_have_no_common_subnet() =>
        Assert.Null(AffectedSubnet.Infer(Ips("192.168.1.20", "2001:db8::1"), [], null));
}
