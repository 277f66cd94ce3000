using PcapSipAnalyzer.Analyzer.Selection;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Selection;

/// <summary>The forms --from/--to, --client and --filter accept, and those they refuse rather than guess.</summary>
public class SelectionParsingTests
{
    [Theory]
    [InlineData("12.5", 12_500_000_000L, true)]
    [InlineData("0", 0L, true)]
    [InlineData("2026-11-26T07:56:10Z", 1_795_679_770_000_000_000L, false)]
    [InlineData("2026-11-26T08:56:10.25+01:00", 1_795_679_770_250_000_000L, false)]
    public void Times_are_seconds_from_the_start_or_rfc3339_with_a_zone(string text, long ns, bool relative)
    {
        Assert.True(TimeBound.TryParse(text, out var bound));
        Assert.Equal(new TimeBound(ns, relative), bound);
    }

    [Theory]
    [InlineData("2026-11-26T07:56:10")] // no zone: would depend on the machine's
    [InlineData("-3")]
    [InlineData("yesterday")]
    public void Ambiguous_or_wrong_times_are_refused(string text) => Assert.False(TimeBound.TryParse(text, out _));

    [Fact]
    public void A_relative_bound_counts_from_each_capture_start() =>
        Assert.Equal(1_000_000_012_500_000_000L, new TimeBound(12_500_000_000L, true).At(1_000_000_000_000_000_000L));

    [Theory]
    [InlineData("192.168.1.20", "192.168.1.20", 0)]
    [InlineData("192.168.1.20:5060", "192.168.1.20", 5060)]
    [InlineData("[2001:db8::1]:5062", "2001:db8::1", 5062)]
    [InlineData("2001:db8::1", "2001:db8::1", 0)]
    public void Clients_are_an_address_with_or_without_a_port(string text, string ip, int port)
    {
        Assert.True(ClientAddress.TryParse(text, out var client));
        Assert.Equal(new ClientAddress(NetAddress.Parse(ip), (ushort)port), client);
    }

    [Theory]
    [InlineData("192.168.1.300")]
    [InlineData("192.168.1.20:0")]
    [InlineData("192.168.1.20:70000")]
    [InlineData("[2001:db8::1")]
    [InlineData("phone")]
    public void Wrong_clients_are_refused(string text) => Assert.False(ClientAddress.TryParse(text, out _));

    [Fact]
    public void A_filter_that_does_not_compile_says_why() =>
        Assert.Contains("does not compile", BpfFilter.Check("udpp port 5060"));

    [Fact]
    public void A_filter_that_compiles_has_no_complaint() => Assert.Null(BpfFilter.Check("udp port 5060 or (tcp and host 10.0.0.1)"));
}
