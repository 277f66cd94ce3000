using System.Runtime.CompilerServices;
using System.Text;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.Analyzer.Tests.Reassembly.TcpTestConnection;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// A short unfinished tail stays inside its connection's slot: no pooled buffer and no budget until it outgrows
/// the slot, and the message it starts still comes out whole.
/// </summary>
public class TcpShortTailTests : ISipMessageSink
{
    private const uint Isn = 1000;

    void ISipMessageSink.OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message) { }

    [Fact]
    public void AShortTailTakesNoBudgetAndTheMessageCompletes()
    {
        var budget = new TcpBufferBudget();
        var c = new TcpTestConnection(budget: budget);
        var message = Request(5, "body");
        var first = message[..20]; // "OPTIONS sip:pbx.exam": a start line cut short
        Assert.True(first.Length <= SipStreamTailBytes.Length);
        c.Send(Isn, first);
        Assert.Equal(0, budget.UsedBytes);
        c.Send(Isn + 20, message[20..]);
        Assert.Equal([message], c.Messages.Select(m => m.Text));
        Assert.Equal(0, budget.UsedBytes);
    }

    [Fact]
    public void ATailThatOutgrowsTheSlotMovesToAPooledBufferWithItsBytes()
    {
        var budget = new TcpBufferBudget();
        var c = new TcpTestConnection(budget: budget);
        var message = Request(6, new string('x', 200));
        uint at = Isn;
        // 10, 20, 30 bytes held in the slot; the fourth piece needs 40: a 64-byte buffer with all of them.
        foreach (int length in new[] { 10, 10, 10 })
        {
            c.Send(at, message[(int)(at - Isn)..((int)(at - Isn) + length)]);
            at += (uint)length;
            Assert.Equal(0, budget.UsedBytes);
        }
        c.Send(at, message[(int)(at - Isn)..((int)(at - Isn) + 10)]);
        at += 10;
        Assert.Equal(SipStreamFraming.MinBufferBytes, budget.UsedBytes);
        c.Send(at, message[(int)(at - Isn)..]);
        Assert.Equal([message], c.Messages.Select(m => m.Text));
        Assert.Equal(0, budget.UsedBytes);
    }

    [Fact]
    public void TailsHeldInTheSlotAreCountedAtTheEnd()
    {
        // After a message: a keep-alive CRLF still waiting for the bytes that tell ping from pong, and a start line
        // that never ends.
        var c = new TcpTestConnection();
        c.Send(Isn, Request(1) + "\r\n");
        c.ClientPort = 40001;
        c.Send(Isn, Request(2) + "INVITE sip:1000@pbx.");
        c.Reassembler.Complete();
        Assert.Equal(2, c.Messages.Count);
        Assert.Equal(1, c.Counters.KeepalivePongs);
        Assert.Equal(1, c.Counters.TruncatedAtClose);
        Assert.Equal(0, c.Reassembler.ConnectionCount);
        Assert.Equal(0, c.Reassembler.Budget.Connections);
    }

    [Fact]
    public void TheReassemblerWorksOnAfterComplete()
    {
        var c = new TcpTestConnection();
        for (int i = 0; i < 3_000; i++)
        {
            c.ClientPort = (ushort)(20000 + i);
            c.Send(Isn, Request(1) + "REGISTER sip:pbx SIP");
        }
        c.Reassembler.Complete();
        Assert.Equal(3_000, c.Counters.TruncatedAtClose);
        c.Messages.Clear();
        Assert.Equal(0, c.Reassembler.Budget.Connections);

        c.ClientPort = 20000;
        c.Send(Isn, Request(2)[..12]);
        c.Send(Isn + 12, Request(2)[12..]);
        Assert.Equal([Request(2)], c.Messages.Select(m => m.Text));
        Assert.Equal(1, c.Reassembler.ConnectionCount);
    }

    [Fact]
    public void ANewConnectionWithAShortTailAllocatesOnlyItsSlots()
    {
        // What a flood of one-segment connections costs: the table's slot and index share, no array per connection.
        var payload = Encoding.ASCII.GetBytes("INVITE sip:1000@pbx.");
        var reassembler = new TcpReassembler();
        var frame = new DecodedFrame
        {
            Layers = FrameLayers.Ipv4 | FrameLayers.Tcp,
            DestinationIp = NetAddress.FromV4(0x0A000002u),
            DestinationPort = 5060,
            TcpFlags = Ack,
        };
        var meta = new PacketMeta { Transport = Transport.Tcp };
        void Open(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                frame.SourceIp = NetAddress.FromV4(0x4C000000u + (uint)i);
                frame.TcpSequence = (uint)i * 2654435761u;
                meta.Frame = i;
                reassembler.OnSegment(meta, frame, payload, this);
            }
        }
        Open(0, 4_096); // past tiered compilation's call counting and the table's first doublings
        long before = GC.GetAllocatedBytesForCurrentThread();
        Open(4_096, 16_384);
        long perConnection = (GC.GetAllocatedBytesForCurrentThread() - before) / 12_288;
        Assert.Equal(16_384, reassembler.ConnectionCount);
        // One connection slot and one stream slot (the other direction sent nothing); the index, at most half full,
        // holds two 8-byte entries per slot and grows by doubling (once here).
        int slots = Unsafe.SizeOf<TcpConnection>() + Unsafe.SizeOf<TcpStream>();
        Assert.InRange(perConnection, slots, slots + 48);
        Assert.Equal(0, reassembler.Budget.UsedBytes);
    }
}
