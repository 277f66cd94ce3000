using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Packets;

/// <summary>An "ip:port" text split back into its address and port, IPv6 included, as the endpoint texts are made.</summary>
public class EndpointTextTests
{
    [Theory]
    [InlineData("192.168.0.1", 40434, "192.168.0.1", "40434")]
    [InlineData("2001:db8::1", 5060, "[2001:db8::1]", "5060")]
    public void An_endpoint_text_splits_into_the_address_and_port_it_was_made_of(string ip, ushort port, string host, string portText)
    {
        string endpoint = EndpointText.Of(NetAddress.Parse(ip), port);
        Assert.Equal(host, EndpointText.HostOf(endpoint));
        Assert.Equal(portText, EndpointText.PortOf(endpoint));
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("10.0.0.1")]
    public void A_text_without_a_port_is_all_address(string text)
    {
        Assert.Equal(text, EndpointText.HostOf(text));
        Assert.Equal("", EndpointText.PortOf(text));
    }
}
