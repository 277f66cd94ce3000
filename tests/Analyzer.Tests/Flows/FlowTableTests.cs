using PcapSipAnalyzer.Analyzer.Flows;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Flows;

/// <summary>
/// The flow table is a cache: a flow finds its slot and what was recorded there again, a flow that lost its slot
/// is a stranger (nothing it left behind is used for the flow that took the slot), and the table never grows.
/// </summary>
public class FlowTableTests
{
    private static readonly SegmentKey Segment = new(0, 0, 0);

    [Fact]
    public void A_flow_finds_its_slot_again_with_the_link_facts_recorded_there()
    {
        var table = new FlowTable(16);
        var frame = Frame("10.0.0.1", "10.0.0.2", ttl: 64);
        var key = FlowKey.Of(0, 0, frame);

        table.Find(key, out var unadmitted);
        Assert.True(unadmitted.IsNone); // a flow takes a slot at its second packet
        ref var link = ref table.Find(key, out var first);
        Assert.False(first.IsNone);
        Assert.False(link.Matches(Segment, frame));
        link = RecordedLink.Of(Segment, frame);

        ref var again = ref table.Find(key, out var second);
        Assert.Equal(first, second);
        Assert.True(again.Matches(Segment, frame));
        Assert.False(again.Matches(Segment, Frame("10.0.0.1", "10.0.0.2", ttl: 63)));

        // The same 5-tuple at another capture point is another flow.
        table.Find(FlowKey.Of(1, 0, frame), out _);
        ref var elsewhere = ref table.Find(FlowKey.Of(1, 0, frame), out var other);
        Assert.NotEqual(first, other);
        Assert.False(elsewhere.Matches(Segment, frame));
    }

    [Fact]
    public void A_full_bucket_gives_a_slot_away_and_the_flow_that_held_it_starts_over()
    {
        var table = new FlowTable(4); // one bucket of four
        var refs = new FlowRef[5];
        for (int i = 0; i < 5; i++)
        {
            var frame = Frame("10.0.0.1", $"10.0.1.{i}", ttl: 64);
            table.Find(FlowKey.Of(0, 0, frame), out _);
            ref var link = ref table.Find(FlowKey.Of(0, 0, frame), out refs[i]);
            link = RecordedLink.Of(Segment, frame);
        }
        Assert.Equal(1, table.Replaced);
        var taken = Assert.Single(refs[..4], r => r.Slot == refs[4].Slot);
        Assert.NotEqual(taken.Generation, refs[4].Generation);

        // State the engines kept for the slot's old flow is not the new flow's.
        var streams = new FlowStreams(table.Capacity);
        streams.Set(taken, epoch: 0, streamSlot: 7);
        Assert.Equal(7, streams.Get(taken, epoch: 0));
        Assert.Equal(-1, streams.Get(refs[4], epoch: 0));

        // The flow that lost its slot finds nothing recorded when it comes back.
        int lost = Array.IndexOf(refs, taken);
        var again = Frame("10.0.0.1", $"10.0.1.{lost}", ttl: 64);
        ref var back = ref table.Find(FlowKey.Of(0, 0, again), out var backRef);
        Assert.False(back.Matches(Segment, again));
        Assert.NotEqual(taken, backRef);
    }

    [Fact]
    public void Flows_of_one_packet_never_take_a_slot()
    {
        var table = new FlowTable(4);
        int admitted = 0;
        for (int i = 0; i < 1000; i++)
        {
            table.Find(FlowKey.Of(0, 0, Frame("10.0.0.1", $"10.1.{i / 250}.{i % 250}", ttl: 64)), out var flow);
            if (!flow.IsNone) admitted++;
        }
        // The seen-once bits are by hash: two of 1 000 flows share a bit about once (birthday bound over 2^19 bits).
        Assert.True(admitted < 10, $"{admitted} one-packet flows took a slot");
    }

    [Fact]
    public void The_default_flow_reference_is_no_flow()
    {
        Assert.True(default(FlowRef).IsNone);
        Assert.Equal(-1, new FlowStreams(16).Get(default, epoch: 0));
    }

    [Fact]
    public void A_frame_whose_link_facts_changed_is_recorded_in_the_neighbour_table()
    {
        var paths = new PathEvidence();
        var link = default(RecordedLink);
        var first = Frame("10.20.0.5", "10.20.0.6", ttl: 64);
        paths.Observe(0, 0, 1, 1, first, ref link);
        paths.Observe(0, 0, 2, 2, first, ref link);
        Assert.Empty(paths.Neighbors.Routers(Segment));
        // The same flow, now one hop further away: its source MAC forwards for it, which makes it a router.
        paths.Observe(0, 0, 3, 3, Frame("10.20.0.5", "10.20.0.6", ttl: 63), ref link);
        Assert.Contains(paths.Neighbors.Routers(Segment), hop => hop.Mac == first.SourceMac);
    }

    [Fact]
    public void Frames_the_neighbour_table_had_no_room_for_are_counted_every_time_as_without_the_flow_table()
    {
        var cached = new PathEvidence(new NeighborTable(maxPairs: 0));
        var plain = new PathEvidence(new NeighborTable(maxPairs: 0));
        var link = default(RecordedLink);
        var frame = Frame("10.0.0.1", "10.0.0.2", ttl: 64);
        for (int i = 1; i <= 3; i++)
        {
            cached.Observe(0, 0, i, i, frame, ref link);
            plain.Observe(0, 0, i, i, frame);
        }
        Assert.Equal(6, plain.Neighbors.DroppedObservations);
        Assert.Equal(plain.Neighbors.DroppedObservations, cached.Neighbors.DroppedObservations);
    }

    private static DecodedFrame Frame(string source, string destination, byte ttl) => new()
    {
        Layers = FrameLayers.Ethernet | FrameLayers.Ipv4 | FrameLayers.Udp,
        SourceMac = new MacAddress(0x0000_0a00_0000_0001),
        DestinationMac = new MacAddress(0x0000_0a00_0000_0002),
        SourceIp = NetAddress.Parse(source),
        DestinationIp = NetAddress.Parse(destination),
        SourcePort = 4000,
        DestinationPort = 5000,
        Ttl = ttl,
    };
}
