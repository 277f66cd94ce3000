using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

public class SubnetTests
{
    [Theory]
    [InlineData("192.168.1.0/24", "192.168.1.20", true)]
    [InlineData("192.168.1.0/24", "192.168.0.20", false)]
    [InlineData("192.168.1.77/24", "192.168.1.1", true)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("10.0.0.0/8", "2001:db8::1", false)]
    [InlineData("2001:db8:0:1::/64", "2001:db8:0:1:ffff::1", true)]
    [InlineData("2001:db8:0:1::/64", "2001:db8:0:2::1", false)]
    [InlineData("2001:db8::/100", "2001:db8::0fff:ffff", true)]
    [InlineData("2001:db8::/100", "2001:db8::1000:0", false)]
    [InlineData("192.168.0.10", "192.168.0.10", true)]
    [InlineData("192.168.0.10", "192.168.0.11", false)]
    public void Contains_matches_the_prefix(string cidr, string address, bool expected) =>
        Assert.Equal(expected, Subnet.Parse(cidr).Contains(NetAddress.Parse(address)));

    [Fact]
    public void Prefixes_are_kept_masked() =>
        Assert.Equal("192.168.1.0/24", Subnet.Parse("192.168.1.77/24").ToString());

    [Theory]
    [InlineData("192.168.1.0/33")]
    [InlineData("not-an-address/8")]
    [InlineData("10.0.0.0/x")]
    public void Bad_prefixes_are_refused(string text) => Assert.False(Subnet.TryParse(text, out _));

    [Theory]
    [InlineData("fe80::1", true)]
    [InlineData("169.254.3.4", true)]
    [InlineData("2001:db8::1", false)]
    [InlineData("192.168.0.1", false)]
    public void Link_local_addresses_are_recognised(string address, bool expected) =>
        Assert.Equal(expected, Subnet.IsLinkLocal(NetAddress.Parse(address)));
}
