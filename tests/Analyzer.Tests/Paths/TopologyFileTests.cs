using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

public class TopologyFileTests
{
    private const string Yaml = """
        # the field case
        subnets:
          - cidr: 192.168.0.0/24
            name: subnet A
            gateway: 192.168.0.1
            gateway_mac: 02:00:00:00:00:01
          - cidr: 192.168.1.0/24
            name: subnet B
            gateway: 192.168.1.1
        routes:
          - from: 192.168.0.0/24
            to: 10.9.0.0/16
            via: 192.168.0.2
        hosts:
          192.168.0.10: PBX
          "02:a0:00:00:00:fe": gateway 2
        """;

    private const string Json = """
        {
          "subnets": [
            { "cidr": "192.168.0.0/24", "name": "subnet A", "gateway": "192.168.0.1", "gateway_mac": "02:00:00:00:00:01" },
            { "cidr": "192.168.1.0/24", "name": "subnet B", "gateway": "192.168.1.1" }
          ],
          "routes": [ { "from": "192.168.0.0/24", "to": "10.9.0.0/16", "via": "192.168.0.2" } ],
          "hosts": { "192.168.0.10": "PBX", "02:a0:00:00:00:fe": "gateway 2" }
        }
        """;

    [Theory]
    [InlineData(Yaml)]
    [InlineData(Json)]
    public void Yaml_and_json_read_the_same(string text)
    {
        var topology = TopologyFile.Parse(text);

        Assert.Equal(2, topology.Subnets.Count);
        Assert.Equal("subnet A", topology.Subnets[0].Name);
        Assert.Equal(NetAddress.Parse("192.168.0.1"), topology.Subnets[0].Gateway);
        Assert.Equal(MacAddress.Parse("02:00:00:00:00:01"), topology.Subnets[0].GatewayMac);
        Assert.Equal("PBX", topology.NameOf(NetAddress.Parse("192.168.0.10")));
        Assert.Equal("gateway 2", topology.NameOf(MacAddress.Parse("02:a0:00:00:00:fe")));
        Assert.Single(topology.Routes);
    }

    [Fact]
    public void The_gateway_for_a_reply_is_the_senders_subnet_gateway_unless_a_route_says_otherwise()
    {
        var topology = TopologyFile.Parse(Yaml);
        var pbx = NetAddress.Parse("192.168.0.10");

        var toB = topology.GatewayFor(pbx, NetAddress.Parse("192.168.1.20"));
        var toRemote = topology.GatewayFor(pbx, NetAddress.Parse("10.9.3.4"));
        var local = topology.GatewayFor(pbx, NetAddress.Parse("192.168.0.31"));

        Assert.Equal(NetAddress.Parse("192.168.0.1"), toB!.Value.Ip);
        Assert.Equal(MacAddress.Parse("02:00:00:00:00:01"), toB.Value.Mac);
        Assert.Equal(NetAddress.Parse("192.168.0.2"), toRemote!.Value.Ip);
        Assert.Null(local);
        Assert.Null(topology.GatewayFor(NetAddress.Parse("172.16.0.1"), NetAddress.Parse("192.168.1.20")));
    }

    [Fact]
    public void A_gateway_may_be_given_as_a_mac_only()
    {
        var topology = TopologyFile.Parse("subnets:\n  - { cidr: 10.0.0.0/24, gateway: 02-00-00-00-00-09 }\n");

        Assert.True(topology.Subnets[0].Gateway.IsNone);
        Assert.Equal(MacAddress.Parse("02:00:00:00:00:09"), topology.Subnets[0].GatewayMac);
    }

    [Theory]
    [InlineData("subnets:\n  - cidr: 192.168.0.0/40\n")]
    [InlineData("subnets:\n  - { cidr: 10.0.0.0/8, gateway: nowhere }\n")]
    [InlineData("hosts:\n  not-an-address: x\n")]
    [InlineData("{ \"subnets\": [ { \"cidr\": 5 ")]
    public void Bad_files_are_refused_with_a_format_error(string text) =>
        Assert.Throws<FormatException>(() => TopologyFile.Parse(text));
}
