using System.Net;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>NetAddress formats IPv4 itself (no IPAddress per call): the text must be exactly IPAddress's.</summary>
public sealed class NetAddressFormatTests
{
    [Theory]
    [InlineData("0.0.0.1")]
    [InlineData("1.2.3.4")]
    [InlineData("10.10.0.10")]
    [InlineData("99.100.109.110")]
    [InlineData("192.168.255.254")]
    [InlineData("255.255.255.255")]
    public void Ipv4_text_round_trips(string text) => Assert.Equal(text, NetAddress.Parse(text).ToString());

    [Fact]
    public void Ipv4_text_equals_IPAddress_for_every_octet_value_in_every_position()
    {
        var random = new Random(5);
        for (int i = 0; i < 20_000; i++)
        {
            uint v = i < 256 * 4 ? (uint)(i % 256) << (8 * (i / 256)) : (uint)random.NextInt64(1, uint.MaxValue + 1L);
            var address = NetAddress.FromV4(v);
            var reference = new IPAddress([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
            if (v == 0)
            {
                Assert.Equal("", address.ToString()); // None, as before
                continue;
            }
            Assert.Equal(reference.ToString(), address.ToString());
            Assert.Equal(reference + ":5060", address.ToString(5060));
        }
    }

    [Fact]
    public void Ipv6_is_still_written_by_IPAddress() =>
        Assert.Equal("[2001:db8::1]:5060", NetAddress.Parse("2001:db8::1").ToString(5060));
}
