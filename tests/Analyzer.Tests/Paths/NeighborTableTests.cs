using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.TestFrames;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

public class NeighborTableTests
{
    private const string Pbx = "02:00:00:00:00:10", Router1 = "02:00:00:00:00:01", Gateway2 = "02:a0:00:00:00:fe";
    private const string DeskPhone = "02:00:00:00:00:31";
    private static readonly SegmentKey Uplink = new(0, 0, 0);

    /// <summary>The field case on the PBX uplink: requests routed in by router 1, answers sent to gateway 2.</summary>
    private static NeighborTable FieldCase(bool withArp)
    {
        var table = new NeighborTable();
        long frame = 1;
        if (withArp)
        {
            var who = Arp(Pbx, "192.168.0.10", "192.168.0.254");
            table.Observe(Uplink, frame++, in who);
            var reply = Arp(Gateway2, "192.168.0.254", "192.168.0.10", 2, Pbx);
            table.Observe(Uplink, frame++, in reply);
            var r1 = Arp(Router1, "192.168.0.1", "192.168.0.10");
            table.Observe(Uplink, frame++, in r1);
        }
        for (int i = 0; i < 3; i++)
        {
            var register = Udp(Router1, Pbx, "192.168.1.20", "192.168.0.10", ttl: 63);
            table.Observe(Uplink, frame++, in register);
            var challenge = Udp(Pbx, Gateway2, "192.168.0.10", "192.168.1.20", ttl: 64);
            table.Observe(Uplink, frame++, in challenge);
        }
        var desk = Udp(DeskPhone, Pbx, "192.168.0.31", "192.168.0.10", ttl: 64);
        table.Observe(Uplink, frame++, in desk);
        var answer = Udp(Pbx, DeskPhone, "192.168.0.10", "192.168.0.31", ttl: 64);
        table.Observe(Uplink, frame, in answer);
        return table;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Field_case_routers_and_hosts_are_told_apart(bool withArp)
    {
        var table = FieldCase(withArp);

        Assert.Equal([Subnet.Parse("192.168.0.0/24")], table.LocalSubnets(Uplink));
        Assert.True(table.NextHop(Uplink, Mac(Router1)).IsRouter);
        Assert.True(table.NextHop(Uplink, Mac(Gateway2)).IsRouter); // it was handed packets for an off-link address
        Assert.False(table.NextHop(Uplink, Mac(Pbx)).IsRouter);
        Assert.False(table.NextHop(Uplink, Mac(DeskPhone)).IsRouter);
        Assert.Equal([Ip("192.168.0.31")], table.NextHop(Uplink, Mac(DeskPhone)).Addresses);
        Assert.Equal([Ip("192.168.1.20")], table.AddressesServedBy(Uplink, Mac(Router1)));
        // Hosts forward nothing: no list is kept for them, and the answer is an empty one.
        Assert.Empty(table.AddressesServedBy(Uplink, Mac(DeskPhone)));
        Assert.Equal(0, table.NextHop(Uplink, Mac(Pbx)).ForwardedAddressCount);
        Assert.False(table.IsOnLink(Uplink, Ip("192.168.1.20")));
        Assert.True(table.IsOnLink(Uplink, Ip("192.168.0.200")));
    }

    [Fact]
    public void Arp_names_the_routers_own_addresses()
    {
        var table = FieldCase(withArp: true);

        var router1 = table.NextHop(Uplink, Mac(Router1));
        var gateway2 = table.NextHop(Uplink, Mac(Gateway2));

        Assert.Equal([Ip("192.168.0.1")], router1.Addresses);
        Assert.Equal([Ip("192.168.0.254")], gateway2.Addresses);
        Assert.Equal("router 192.168.0.254 (02:a0:00:00:00:fe)", gateway2.Describe());
        Assert.True(table.TryResolve(Uplink, Ip("192.168.0.254"), out var mac));
        Assert.Equal(Mac(Gateway2), mac);
        Assert.Equal(2, table.Routers(Uplink).Count);
    }

    [Fact]
    public void A_mac_without_any_known_address_says_so()
    {
        var table = FieldCase(withArp: false);

        Assert.Equal("router 02:a0:00:00:00:fe (no IP address known for it)", table.NextHop(Uplink, Mac(Gateway2)).Describe());
    }

    [Fact]
    public void Many_sources_behind_one_mac_make_it_a_router_even_with_initial_ttls()
    {
        var table = new NeighborTable();
        var arp = Arp("02:00:00:00:00:aa", "10.1.0.1", "10.1.0.5");
        table.Observe(Uplink, 1, in arp);
        for (int i = 0; i < 3; i++)
        {
            // A NAT or a router that does not decrement: only the number of sources gives it away.
            var f = Udp("02:00:00:00:00:aa", "02:00:00:00:00:bb", $"10.1.0.{100 + i}", "10.1.0.5", ttl: 64);
            table.Observe(Uplink, 2 + i, in f);
        }

        Assert.True(table.NextHop(Uplink, Mac("02:00:00:00:00:aa")).IsRouter);
        Assert.Equal(3, table.NextHop(Uplink, Mac("02:00:00:00:00:aa")).ForwardedAddressCount);
    }

    [Fact]
    public void Vlans_are_separate_segments()
    {
        var table = new NeighborTable();
        var a = Udp(Router1, Pbx, "10.20.0.5", "10.10.0.10", ttl: 63, vlan: 10);
        var b = Udp(Router1, "02:00:00:00:00:77", "10.20.0.1", "10.20.0.5", ttl: 64, vlan: 20);
        table.Observe(0, 0, 1, in a);
        table.Observe(0, 0, 2, in b);

        Assert.Equal([(ushort)10, (ushort)20], table.Vlans(0, 0));
        Assert.True(table.NextHop(new SegmentKey(0, 0, 10), Mac(Router1)).IsRouter);
        Assert.False(table.NextHop(new SegmentKey(0, 0, 20), Mac(Router1)).IsRouter);
    }

    [Fact]
    public void Ipv6_neighbor_discovery_binds_like_arp()
    {
        var table = new NeighborTable();
        var na = new DecodedFrame
        {
            Layers = FrameLayers.Ethernet | FrameLayers.Ipv6 | FrameLayers.Icmpv6 | FrameLayers.NeighborDiscovery,
            SourceMac = Mac(Router1), DestinationMac = Mac(Pbx),
            SourceIp = Ip("fe80::1"), DestinationIp = Ip("fe80::10"), Ttl = 255,
            ArpOperation = 2, ArpSenderMac = Mac(Router1), ArpSenderIp = Ip("2001:db8:0:1::1"),
        };
        table.Observe(Uplink, 1, in na);
        Assert.False(table.NextHop(Uplink, Mac(Router1)).IsRouter);
        na.NdFlags = 0x80 | 0x40; // Router + Solicited
        table.Observe(Uplink, 2, in na);
        Assert.True(table.NextHop(Uplink, Mac(Router1)).IsRouter);
        var routed = Udp(Router1, Pbx, "2001:db8:0:2::20", "2001:db8:0:1::10", ttl: 63);
        table.Observe(Uplink, 3, in routed);

        Assert.True(table.TryResolve(Uplink, Ip("2001:db8:0:1::1"), out var mac));
        Assert.Equal(Mac(Router1), mac);
        Assert.True(table.NextHop(Uplink, Mac(Router1)).IsRouter);
        Assert.Contains(Subnet.Parse("2001:db8:0:1::/64"), table.LocalSubnets(Uplink));
    }

    [Fact]
    public void Caps_bound_the_table_and_count_what_did_not_fit()
    {
        var table = new NeighborTable(maxBindings: 4, maxPairs: 10);
        for (int i = 0; i < 20; i++)
        {
            var f = Udp("02:00:00:00:00:01", "02:00:00:00:00:02", $"10.0.0.{i + 1}", "10.0.1.1");
            table.Observe(Uplink, i + 1, in f);
        }

        Assert.Equal(20 + 1 - 10, table.DroppedObservations); // 20 sources + 1 destination pair, 10 fit
    }

    [Fact]
    public void Observing_known_neighbours_allocates_nothing()
    {
        var table = FieldCase(withArp: true);
        var register = Udp(Router1, Pbx, "192.168.1.20", "192.168.0.10", ttl: 63);
        var arp = Arp(Gateway2, "192.168.0.254", "192.168.0.10", 2, Pbx);
        // Warm up past tiered compilation: a method re-jitted mid-loop allocates on this thread too.
        for (int i = 0; i < 10_000; i++)
        {
            table.Observe(Uplink, 100, in register);
            table.Observe(Uplink, 101, in arp);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            table.Observe(Uplink, 200 + i, in register);
            table.Observe(Uplink, 200 + i, in arp);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Topology_names_hosts()
    {
        var table = FieldCase(withArp: true);
        table.Topology = TopologyFile.Parse("""
            hosts:
              "02:a0:00:00:00:fe": gateway 2
              192.168.0.1: router 1
            """);

        Assert.Equal("gateway 2 192.168.0.254 (02:a0:00:00:00:fe)", table.NextHop(Uplink, Mac(Gateway2)).Describe());
        Assert.Equal("router 1", table.NextHop(Uplink, Mac(Router1)).Name);
    }

    [Fact]
    public void Subnets_are_inferred_as_wide_as_their_members_and_replaced_by_declared_ones()
    {
        var table = new NeighborTable();
        var a = Arp("02:00:00:00:00:05", "10.0.0.5", "10.0.3.7");
        var b = Arp("02:00:00:00:00:07", "10.0.3.7", "10.0.0.5", 2, "02:00:00:00:00:05");
        table.Observe(Uplink, 1, in a);
        table.Observe(Uplink, 2, in b);
        Assert.Equal([Subnet.Parse("10.0.0.0/22")], table.LocalSubnets(Uplink));

        table.Topology = TopologyFile.Parse("""{ "subnets": [ { "cidr": "10.0.0.0/16" } ] }""");
        var c = Arp("02:00:00:00:00:09", "10.0.9.9", "10.0.0.5");
        table.Observe(Uplink, 3, in c);
        Assert.Equal([Subnet.Parse("10.0.0.0/16")], table.LocalSubnets(Uplink));
    }

    [Theory]
    [InlineData((byte)64)]
    [InlineData((byte)52)]
    public void A_router_of_thousands_of_sources_is_named_by_its_mac_not_by_what_it_forwards(byte ttl)
    {
        // A scan through one router MAC: 5 000 sources, none ARPed; with TTL 64 (a firewall that does not
        // decrement) they once all became the router's own addresses and its name grew with the capture.
        var table = new NeighborTable();
        for (int i = 0; i < 5_000; i++)
        {
            var probe = Udp(Router1, Pbx, $"45.{i / 256}.{i % 256}.7", "192.168.0.10", ttl: ttl);
            table.Observe(Uplink, i + 1, in probe);
        }

        var router = table.NextHop(Uplink, Mac(Router1));
        Assert.True(router.IsRouter);
        Assert.True(router.Addresses.Count <= NeighborTable.MaxOwnAddresses, $"{router.Addresses.Count} own addresses");
        Assert.Equal("router 02:00:00:00:00:01 (no IP address known for it)", router.Describe());
        Assert.Equal(NeighborTable.MaxAddressesPerMac, table.AddressesServedBy(Uplink, Mac(Router1)).Count);
        Assert.Equal(5_000 - NeighborTable.MaxAddressesPerMac, table.DroppedObservations);
    }

    [Fact]
    public void A_router_with_many_arp_bound_addresses_is_named_by_one()
    {
        var table = new NeighborTable();
        for (int i = 1; i <= 50; i++)
        {
            var arp = Arp(Router1, $"192.168.0.{i}", "192.168.0.10", 2, Pbx); // proxy ARP for half the subnet
            table.Observe(Uplink, i, in arp);
        }
        var routed = Udp(Router1, Pbx, "10.9.0.1", "192.168.0.10", ttl: 61);
        table.Observe(Uplink, 51, in routed);
        // Sent from one of the fifty addresses it answers ARP for (looked up in a set past eight): its own, not forwarded.
        var own = Udp(Router1, Pbx, "192.168.0.37", "192.168.0.10", ttl: 64);
        table.Observe(Uplink, 52, in own);

        var router = table.NextHop(Uplink, Mac(Router1));
        Assert.Equal(NeighborTable.MaxOwnAddresses, router.Addresses.Count);
        Assert.Equal("router 192.168.0.1 (02:00:00:00:00:01)", router.Describe());
        Assert.Equal([Ip("10.9.0.1")], table.AddressesServedBy(Uplink, Mac(Router1)));
        Assert.Equal(1, router.ForwardedAddressCount);
    }

    [Fact]
    public void Interleaved_and_colliding_segments_are_each_known_once_and_capped()
    {
        // A router capture interleaves its interfaces packet by packet; interfaces 5 and 1029 share a slot of the
        // table's known-segment cache, which must never answer for another segment.
        var table = new NeighborTable(maxSegments: 6);
        var segments = new SegmentKey[] { new(0, 5, 0), new(0, 1029, 0), new(1, 5, 0), new(0, 5, 7), new(0, 6, 0), new(0, 7, 0) };
        long frame = 1;
        for (int round = 0; round < 3; round++)
            foreach (var segment in segments)
            {
                var packet = Udp(DeskPhone, Pbx, "192.168.0.31", "192.168.0.10");
                table.Observe(segment, frame++, in packet);
            }
        Assert.Equal(segments.ToHashSet(), table.Segments.ToHashSet());
        foreach (var segment in segments)
            Assert.False(table.NextHop(segment, Mac(DeskPhone)).IsRouter);
        Assert.Equal(0, table.DroppedObservations);

        var seventh = Udp(DeskPhone, Pbx, "192.168.0.31", "192.168.0.10");
        table.Observe(new SegmentKey(0, 1029 + 1024, 0), frame, in seventh); // past the cap, in a slot already used
        Assert.Equal(1, table.DroppedObservations);
        Assert.Equal(6, table.Segments.Count);
    }

    [Fact]
    public void A_segments_remembered_destination_changes_no_view_of_interleaved_interfaces()
    {
        // A router capture of 300 interfaces, frames interleaved: each interface's server answered by hosts, phones and
        // gateways on and off its link, so the segment's last destination repeats between new pairs. The same frames
        // go to a second table with a frame on a colliding segment (interface + 1 024, the same slot of the known-segment
        // cache) after each, so that it never answers from a segment's remembered destination: every view of the
        // original segments must be the same.
        var random = new Random(1);
        var remembered = new NeighborTable();
        var reference = new NeighborTable();
        var segments = Enumerable.Range(0, 300).Select(i => new SegmentKey(i % 3, i, (ushort)(i % 7 == 0 ? 10 : 0))).ToArray();
        var macs = new HashSet<(SegmentKey, string)>();
        var ips = new HashSet<(SegmentKey, string)>();
        long number = 1;
        for (int round = 0; round < 40; round++)
            foreach (var segment in segments)
            {
                int s = segment.InterfaceId;
                string server = $"02:10:00:00:{s >> 8:x2}:{s & 0xff:x2}", serverIp = $"10.{s >> 8}.{s & 0xff}.10";
                string peer = random.Next(4) switch
                {
                    0 => $"02:20:00:00:00:{random.Next(4):x2}",       // a few hosts of the segment
                    1 => $"02:30:00:00:{s >> 8:x2}:{s & 0xff:x2}",   // the segment's router
                    _ => $"02:40:00:00:00:{random.Next(3):x2}",       // gateways shared by name across segments
                };
                string peerIp = random.Next(3) == 0 ? $"10.{s >> 8}.{s & 0xff}.{20 + random.Next(5)}" : $"172.16.{random.Next(4)}.{random.Next(250)}";
                byte ttl = random.Next(2) == 0 ? (byte)64 : (byte)61;
                var frame = random.Next(5) == 0 ? Arp(peer, peerIp, serverIp) : random.Next(2) == 0
                    ? Udp(peer, server, peerIp, serverIp, ttl)
                    : Udp(server, peer, serverIp, peerIp, ttl);
                macs.Add((segment, server));
                macs.Add((segment, peer));
                ips.Add((segment, serverIp));
                ips.Add((segment, peerIp));
                remembered.Observe(segment, number, in frame);
                reference.Observe(segment, number, in frame);
                var other = Udp(DeskPhone, Pbx, "192.168.0.31", "192.168.0.10");
                reference.Observe(segment with { InterfaceId = segment.InterfaceId + 1024 }, number, in other);
                number++;
            }

        Assert.Equal(0, remembered.DroppedObservations);
        Assert.Equal(0, reference.DroppedObservations);
        foreach (var segment in segments)
        {
            Assert.Equal(reference.LocalSubnets(segment), remembered.LocalSubnets(segment));
            Assert.Equal(reference.Routers(segment).Select(r => r.Describe()), remembered.Routers(segment).Select(r => r.Describe()));
        }
        foreach (var (segment, mac) in macs)
        {
            var expected = reference.NextHop(segment, Mac(mac));
            var actual = remembered.NextHop(segment, Mac(mac));
            Assert.Equal(expected.IsRouter, actual.IsRouter);
            Assert.Equal(expected.Addresses, actual.Addresses);
            Assert.Equal(expected.ForwardedAddressCount, actual.ForwardedAddressCount);
            Assert.Equal(reference.AddressesServedBy(segment, Mac(mac)), remembered.AddressesServedBy(segment, Mac(mac)));
        }
        foreach (var (segment, ip) in ips)
        {
            Assert.Equal(reference.IsOnLink(segment, Ip(ip)), remembered.IsOnLink(segment, Ip(ip)));
            Assert.Equal(reference.TryResolve(segment, Ip(ip), out var a) ? a : default, remembered.TryResolve(segment, Ip(ip), out var b) ? b : default);
        }
    }
}
