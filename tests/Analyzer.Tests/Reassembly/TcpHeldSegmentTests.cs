using System.Runtime.CompilerServices;
using System.Text;
using PcapSipAnalyzer.Analyzer.Reassembly;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// Out-of-order segments live beside the stream slots (<see cref="TcpPendingStore"/>), keyed by the slot: a slot
/// freed and taken again by another connection must start with nothing held, and the slots themselves stay small,
/// since every new connection of a flood writes them afresh.
/// </summary>
public class TcpHeldSegmentTests
{
    private const uint Isn = 1000;

    [Fact]
    public void A_stream_slot_taken_again_after_a_reset_holds_none_of_the_old_connections_segments()
    {
        var budget = new TcpBufferBudget();
        var c = new TcpTestConnection(budget: budget);
        var first = TcpTestConnection.Request(1);
        var second = TcpTestConnection.Request(2);
        // The old connection holds its second message, waiting for the first, when it is reset.
        c.Send(Isn, "", TcpTestConnection.Syn);
        c.Send(Isn + 1 + (uint)first.Length, second);
        Assert.Equal(Encoding.Latin1.GetByteCount(second), budget.UsedBytes);
        c.Send(Isn + 1, "", TcpTestConnection.Rst);
        Assert.Equal(0, budget.UsedBytes);

        // A new connection on other ports reuses the freed stream slot; at the old connection's sequence numbers
        // nothing of its held message may come out.
        c.ClientPort = 40001;
        c.Send(Isn, "", TcpTestConnection.Syn);
        c.Send(Isn + 1, first);

        Assert.Equal([first], c.Messages.Select(m => m.Text));
        Assert.Equal(0, budget.UsedBytes);
    }

    [Fact]
    public void Held_segments_of_two_streams_are_delivered_each_to_its_own()
    {
        var c = new TcpTestConnection();
        var a1 = TcpTestConnection.Request(1);
        var a2 = TcpTestConnection.Request(2);
        var b1 = TcpTestConnection.Request(3);
        var b2 = TcpTestConnection.Request(4);
        c.Send(Isn, "", TcpTestConnection.Syn);
        c.Send(Isn + 1 + (uint)a1.Length, a2); // held on the first connection
        c.ClientPort = 40001;
        c.Send(Isn, "", TcpTestConnection.Syn);
        c.Send(Isn + 1 + (uint)b1.Length, b2); // held on the second
        c.Send(Isn + 1, b1);
        c.ClientPort = 40000;
        c.Send(Isn + 1, a1);

        Assert.Equal([b1, b2, a1, a2], c.Messages.Select(m => m.Text));
        Assert.Equal(2, c.Counters.OutOfOrderSegments);
    }

    [Fact]
    public void A_connection_slot_and_a_stream_slot_stay_within_a_flood_connections_bytes()
    {
        // 80 + 96: each byte more is written afresh for every connection of a connection flood.
        Assert.True(Unsafe.SizeOf<TcpConnection>() <= 80, $"connection slot {Unsafe.SizeOf<TcpConnection>()} B");
        Assert.True(Unsafe.SizeOf<TcpStream>() <= 96, $"stream slot {Unsafe.SizeOf<TcpStream>()} B");
    }
}
