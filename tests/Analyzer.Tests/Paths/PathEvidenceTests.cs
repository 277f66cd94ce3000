using PcapSipAnalyzer.Analyzer.Paths;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.TestFrames;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

public class PathEvidenceTests
{
    private const byte Syn = 0x02, Ack = 0x10, Psh = 0x08;
    private const string Client = "02:00:00:00:00:01", Server = "02:00:00:00:00:10";

    [Fact]
    public void Per_packet_observation_allocates_nothing_once_the_neighbours_and_connections_are_known()
    {
        var evidence = new PathEvidence();
        var syn = Tcp(Client, Server, "10.1.0.7", 40000, "10.2.0.5", 5060, Syn, seq: 1, ttl: 63);
        var synAck = Tcp(Server, Client, "10.2.0.5", 5060, "10.1.0.7", 40000, Syn | Ack, seq: 100, ack: 2);
        var data = Tcp(Client, Server, "10.1.0.7", 40000, "10.2.0.5", 5060, Psh | Ack, seq: 2, ack: 101, ttl: 63);
        data.PayloadLength = 400;
        var udp = Udp(Client, Server, "10.1.0.8", "10.2.0.5", ttl: 63);
        evidence.Observe(0, 0, 1, 1, in syn);
        evidence.Observe(0, 0, 2, 2, in synAck);
        evidence.Observe(0, 0, 3, 3, in data);
        evidence.Observe(0, 0, 4, 4, in udp);

        // A first round lets tiered compilation settle: its call counting can allocate on the calling thread
        // when a method reaches its threshold (1 152 bytes once, in a CI run), which is not the code under test.
        for (int i = 0; i < 10_000; i++)
        {
            evidence.Observe(0, 0, 10 + i, 10 + i, in data);
            evidence.Observe(0, 0, 10 + i, 10 + i, in udp);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 10_000; i < 20_000; i++)
        {
            evidence.Observe(0, 0, 10 + i, 10 + i, in data);
            evidence.Observe(0, 0, 10 + i, 10 + i, in udp);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(20_000, Assert.Single(evidence.Handshakes.Connections).DataRetransmissions);
        Assert.Equal(20_009, evidence.LastTimestampNs(0));
    }
}
