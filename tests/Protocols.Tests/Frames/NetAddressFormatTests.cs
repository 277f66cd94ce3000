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

    [Fact]
    public void Parsing_agrees_with_IPAddress_on_dotted_text_of_every_shape()
    {
        // The dotted-decimal reader must say what IPAddress says: the same address, or no address, for canonical
        // quads and for the forms IPAddress reads otherwise (leading zeros as octal, hex, fewer parts, 256 and up).
        var random = new Random(11);
        string[] pieces = ["0", "1", "00", "01", "010", "09", "255", "256", "999", "1000", "0x1f", "", " ", "-1", "+1", "a"];
        var inputs = new List<string> { "1.2.3.4", "0.0.0.0", "255.255.255.255", "1.2.3", "1.2", "1", "1.2.3.4.5", "1..3.4",
            ".1.2.3", "1.2.3.", "01.2.3.4", "1.2.3.04", "0x7f.0.0.1", "127.1", "1.2.3.4 ", " 1.2.3.4", "::1", "::ffff:1.2.3.4", "" };
        for (int i = 0; i < 20_000; i++)
        {
            int parts = random.Next(1, 6);
            inputs.Add(string.Join('.', Enumerable.Range(0, parts).Select(_ =>
                random.Next(3) == 0 ? pieces[random.Next(pieces.Length)] : random.Next(0, 300).ToString())));
        }
        foreach (string text in inputs)
        {
            bool expected = IPAddress.TryParse(text, out var reference);
            Assert.Equal(expected, NetAddress.TryParse(text, out var parsed));
            if (expected) Assert.Equal(NetAddress.FromIPAddress(reference!), parsed);
        }
    }
}
