using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

public class DatagramHostsTests
{
    [Fact]
    public void Addresses_are_kept_per_point_in_both_directions()
    {
        var hosts = new DatagramHosts();
        var (a, b, c) = (NetAddress.FromV4(0x0A000001), NetAddress.FromV4(0x0A000002), NetAddress.FromV4(0x0A000003));
        hosts.Note(0, a, b);
        hosts.Note(0, a, b);

        Assert.True(hosts.Saw(0, a));
        Assert.True(hosts.Saw(0, b));
        Assert.False(hosts.Saw(0, c));
        Assert.False(hosts.Saw(1, a));
    }

    [Fact]
    public void Past_its_capacity_every_address_counts_as_seen_and_the_table_is_freed()
    {
        var hosts = new DatagramHosts();
        for (uint i = 0; i < DatagramHosts.Capacity / 2; i++)
            hosts.Note(0, NetAddress.FromV4(0x0A000000 + 2 * i), NetAddress.FromV4(0x0A000001 + 2 * i));
        Assert.False(hosts.Full);
        Assert.False(hosts.Saw(0, NetAddress.FromV4(0xC0A80001)));

        hosts.Note(0, NetAddress.FromV4(0xC0A80001), NetAddress.FromV4(0xC0A80002));

        Assert.True(hosts.Full);
        Assert.True(hosts.Saw(3, NetAddress.FromV4(0x08080808)));
    }
}
