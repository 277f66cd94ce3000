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
}
