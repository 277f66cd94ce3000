using PcapSipAnalyzer.Analyzer.Paths;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.TestFrames;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

public class TcpHandshakeTrackerTests
{
    private const byte Syn = 0x02, Ack = 0x10, Rst = 0x04, Psh = 0x08;
    private const string Pbx = "02:00:00:00:00:10", Router1 = "02:00:00:00:00:01", Gateway2 = "02:a0:00:00:00:fe";

    private static void Feed(TcpHandshakeTracker t, long frame, long ms, PcapSipAnalyzer.Protocols.Frames.DecodedFrame f) =>
        t.Observe(0, 0, frame, ms * 1_000_000, in f);

    [Fact]
    public void A_syn_ack_sent_to_another_gateway_never_completes_and_the_client_keeps_sending_syns()
    {
        var t = new TcpHandshakeTracker();
        Feed(t, 1, 0, Tcp(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5061, Syn, seq: 1000, ttl: 63));
        Feed(t, 2, 1, Tcp(Pbx, Gateway2, "192.168.0.10", 5061, "192.168.1.20", 40000, Syn | Ack, seq: 9000, ack: 1001));
        Feed(t, 3, 1000, Tcp(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5061, Syn, seq: 1000, ttl: 63));
        Feed(t, 4, 1001, Tcp(Pbx, Gateway2, "192.168.0.10", 5061, "192.168.1.20", 40000, Syn | Ack, seq: 9000, ack: 1001));

        var c = Assert.Single(t.Connections);
        Assert.Equal("192.168.1.20:40000", c.Key.ClientEndpoint);
        Assert.Equal(Mac(Router1), c.SynSourceMac);
        Assert.Equal(Mac(Gateway2), c.SynAckDestinationMac);
        Assert.True(c.Asymmetric);
        Assert.False(c.Completed);
        Assert.Equal(1, c.SynRetransmissions);
        Assert.Equal(1, c.SynAckRetransmissions);
        Assert.Equal(1, c.SynsAfterSynAck);
        Assert.Equal(4, c.Frames.Count);
    }

    [Fact]
    public void The_clients_ack_of_the_servers_isn_completes_the_handshake()
    {
        var t = new TcpHandshakeTracker();
        Feed(t, 1, 0, Tcp(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, Syn, seq: 1000, ttl: 63));
        Feed(t, 2, 1, Tcp(Pbx, Router1, "192.168.0.10", 5060, "192.168.1.20", 40000, Syn | Ack, seq: 9000, ack: 1001));
        Feed(t, 3, 2, Tcp(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, Ack | Psh, seq: 1001, ack: 9001, ttl: 63));

        var c = Assert.Single(t.Connections);
        Assert.True(c.Completed);
        Assert.False(c.Asymmetric);
        Assert.Equal(new PcapSipAnalyzer.Analyzer.Packets.FrameRef(0, 3), c.CompletedFrame);
    }

    [Fact]
    public void Other_ports_are_ignored_until_sip_is_seen_there()
    {
        var t = new TcpHandshakeTracker();
        Feed(t, 1, 0, Tcp(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5080, Syn, seq: 1));
        Assert.Empty(t.Connections);
        t.AddSipPort(5080);
        Feed(t, 2, 0, Tcp(Router1, Pbx, "192.168.1.20", 40001, "192.168.0.10", 5080, Syn, seq: 1));
        Assert.Single(t.Connections);
    }

    [Fact]
    public void A_reset_is_recorded_and_a_new_syn_on_the_same_ports_starts_over()
    {
        var t = new TcpHandshakeTracker();
        Feed(t, 1, 0, Tcp(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, Syn, seq: 1000));
        Feed(t, 2, 1, Tcp(Pbx, Router1, "192.168.0.10", 5060, "192.168.1.20", 40000, Rst | Ack, ack: 1001));
        Assert.True(Assert.Single(t.Connections).Reset);
        Feed(t, 3, 5, Tcp(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, Syn, seq: 5000));
        var c = Assert.Single(t.Connections);
        Assert.False(c.Reset);
        Assert.Equal(5000u, c.ClientIsn);
    }

    private static PcapSipAnalyzer.Protocols.Frames.DecodedFrame Data(string srcMac, string dstMac, string srcIp, ushort srcPort,
        string dstIp, ushort dstPort, uint seq, int length)
    {
        var f = Tcp(srcMac, dstMac, srcIp, srcPort, dstIp, dstPort, Ack | Psh, seq: seq, ack: 1);
        f.PayloadLength = length;
        return f;
    }

    [Fact]
    public void A_data_segment_sent_again_is_counted_while_it_is_among_the_latest_kept_and_only_in_its_own_direction()
    {
        var t = new TcpHandshakeTracker();
        Feed(t, 1, 0, Tcp(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, Syn, seq: 999));
        // 300 segments of 10 bytes from the client, in order, ending at 1010, 1020, …, 4000.
        for (uint i = 0; i < 300; i++) Feed(t, 10 + i, 1, Data(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, 1000 + 10 * i, 10));
        var c = Assert.Single(t.Connections);
        Assert.Equal(0, c.DataRetransmissions);

        Feed(t, 400, 2, Data(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, 3990, 10)); // the last one again
        Feed(t, 401, 2, Data(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, 2730, 10)); // the oldest of the 128 kept
        Assert.Equal(2, c.DataRetransmissions);
        Feed(t, 402, 2, Data(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, 1000, 10)); // long gone from the ring
        Assert.Equal(2, c.DataRetransmissions);
        // The server's segment that happens to end where one of the client's did is its own.
        Feed(t, 403, 3, Data(Pbx, Router1, "192.168.0.10", 5060, "192.168.1.20", 40000, 3990, 10));
        Feed(t, 404, 3, Data(Pbx, Router1, "192.168.0.10", 5060, "192.168.1.20", 40000, 3990, 10));
        Assert.Equal(3, c.DataRetransmissions);
        // A segment that fills a gap below the highest end seen is new, and then its copy is one.
        Feed(t, 405, 4, Data(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, 3995, 3));
        Assert.Equal(3, c.DataRetransmissions);
        Feed(t, 406, 4, Data(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, 3995, 3));
        Assert.Equal(4, c.DataRetransmissions);

        Assert.True(c.TryGetSegment(309, fromClient: true, out bool acknowledged, out int copies)); // the last, sent twice
        Assert.Equal(2, copies);
        Assert.False(acknowledged);
        Feed(t, 407, 5, Tcp(Pbx, Router1, "192.168.0.10", 5060, "192.168.1.20", 40000, Ack, seq: 4000, ack: 3990));
        Assert.True(c.TryGetSegment(308, fromClient: true, out acknowledged, out copies)); // ends at 3990
        Assert.True(acknowledged);
        Assert.Equal(1, copies);
        Assert.True(c.TryGetSegment(309, fromClient: true, out acknowledged, out _)); // ends at 4000, not yet
        Assert.False(acknowledged);
        Assert.False(c.TryGetSegment(308, fromClient: false, out _, out _));
        Assert.False(c.TryGetSegment(10, fromClient: true, out _, out _)); // overwritten in the ring
    }

    [Fact]
    public void Segments_go_to_the_connection_the_table_holds_now_when_a_new_one_takes_the_reverse_ports()
    {
        var t = new TcpHandshakeTracker();
        // A SIP server and a peer both on 5060: first the peer opens toward the server…
        Feed(t, 1, 0, Tcp(Router1, Pbx, "192.168.1.20", 5060, "192.168.0.10", 5060, Syn, seq: 100));
        Feed(t, 2, 1, Data(Pbx, Router1, "192.168.0.10", 5060, "192.168.1.20", 5060, 500, 10));
        Feed(t, 3, 1, Data(Pbx, Router1, "192.168.0.10", 5060, "192.168.1.20", 5060, 500, 10));
        var first = Assert.Single(t.Connections);
        Assert.Equal(1, first.DataRetransmissions);
        // …then the server opens its own connection on the same two ports the other way round: its segments are its own.
        Feed(t, 4, 2, Tcp(Pbx, Router1, "192.168.0.10", 5060, "192.168.1.20", 5060, Syn, seq: 7000));
        Feed(t, 5, 3, Data(Pbx, Router1, "192.168.0.10", 5060, "192.168.1.20", 5060, 500, 10));
        Assert.Equal(1, first.DataRetransmissions);
        var second = Assert.Single(t.Connections, c => c.ClientIsn == 7000);
        Assert.Equal(0, second.DataRetransmissions);
        Feed(t, 6, 3, Data(Pbx, Router1, "192.168.0.10", 5060, "192.168.1.20", 5060, 500, 10));
        Assert.Equal(1, second.DataRetransmissions);
        Assert.Equal(1, first.DataRetransmissions);
    }

    [Fact]
    public void The_same_ports_at_two_capture_points_are_two_connections()
    {
        var t = new TcpHandshakeTracker();
        var syn = Tcp(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, Syn, seq: 1);
        var data = Data(Router1, Pbx, "192.168.1.20", 40000, "192.168.0.10", 5060, 2, 10);
        t.Observe(0, 0, 1, 0, in syn);
        t.Observe(1, 0, 1, 0, in syn);
        t.Observe(0, 0, 2, 1, in data);
        t.Observe(1, 0, 2, 1, in data); // the same segment at the second point: not a copy at the first
        t.Observe(1, 0, 3, 2, in data);
        Assert.Equal([0, 1], t.Connections.Select(c => c.DataRetransmissions).Order());
    }
}
