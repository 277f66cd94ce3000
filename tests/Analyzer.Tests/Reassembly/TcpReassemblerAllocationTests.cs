using System.Text;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>Steady state: segments of a known connection, messages split across them, allocate nothing.</summary>
public class TcpReassemblerAllocationTests : ISipMessageSink
{
    private int _messages;

    void ISipMessageSink.OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message) => _messages++;

    [Fact]
    public void SegmentsAllocateNothingOnceWarm()
    {
        var message = Encoding.ASCII.GetBytes(TcpTestConnection.Request(1, new string('x', 300)));
        var reassembler = new TcpReassembler();
        var frame = new DecodedFrame
        {
            Layers = FrameLayers.Ipv4 | FrameLayers.Tcp,
            SourceIp = NetAddress.FromV4(0x0A000001u),
            DestinationIp = NetAddress.FromV4(0x0A000002u),
            SourcePort = 40000,
            DestinationPort = 5060,
            TcpFlags = TcpTestConnection.Ack,
        };
        var meta = new PacketMeta { Transport = Transport.Tcp };
        uint sequence = 1;
        int[] cuts = [0, 100, 250, message.Length];
        void Send(int rounds)
        {
            for (int r = 0; r < rounds; r++)
            {
                // Each message in three segments, the middle one sent twice (a retransmission).
                for (int i = 0; i < 3; i++)
                {
                    frame.TcpSequence = sequence + (uint)cuts[i];
                    var piece = message.AsSpan(cuts[i], cuts[i + 1] - cuts[i]);
                    reassembler.OnSegment(meta, frame, piece, this);
                    if (i == 1) reassembler.OnSegment(meta, frame, piece, this);
                }
                sequence += (uint)message.Length;
                meta.Frame++;
                meta.TimestampNs += 1_000_000;
            }
        }
        Send(2_000); // past tiered compilation, whose call counting can allocate on this thread
        long before = GC.GetAllocatedBytesForCurrentThread();
        Send(10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(12_000, _messages);
        Assert.Equal(0, allocated);
    }
}
