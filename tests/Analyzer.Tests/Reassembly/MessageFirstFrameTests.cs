using PcapSipAnalyzer.Analyzer.Reassembly;
using static PcapSipAnalyzer.Analyzer.Tests.Reassembly.TcpTestConnection;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// Each framed message names the frame that carried its first byte as well as the one completing it: a call selection
/// keeps every segment in between, as tshark's tcp.reassembled_in names them.
/// </summary>
public class MessageFirstFrameTests
{
    private const uint Isn = 5000;

    [Fact]
    public void A_message_over_several_segments_begins_in_the_first_and_the_next_where_the_last_ended()
    {
        var c = new TcpTestConnection();
        string first = Request(1, "v=0\r\n"), second = Request(2), third = Request(3);
        c.Send(Isn, "", Syn);
        c.Send(Isn + 1, first[..30]);
        c.Send(Isn + 31, first[30..60]);
        long shared = c.Send(Isn + 61, first[60..] + second[..20]);
        long last = c.Send(Isn + 61 + (uint)(first.Length - 60) + 20, second[20..] + third);

        Assert.Equal([(shared, first), (last, second), (last, third)], c.Messages);
        Assert.Equal([2L, shared, last], c.FirstFrames);
    }

    [Fact]
    public void Without_room_for_out_of_order_segments_a_jump_ahead_resynchronises_at_once_on_the_next_message()
    {
        // What the second pass of a call selection sees: another call's segments left out of the connection.
        var c = new TcpTestConnection(new TcpReassemblyLimits { MaxOutOfOrderSegments = 0 });
        // The other call's body ends its last line, as SDP's do: the next start line is found after it.
        string mine = Request(1), others = Request(2, "v=0\r\ns=the other call\r\n"), next = Request(3);
        c.Send(Isn, "", Syn);
        c.Send(Isn + 1, mine + others[..25]);
        uint tailAt = Isn + 1 + (uint)(mine.Length + others.Length - 10);
        long resumed = c.Send(tailAt, others[^10..] + next);

        Assert.Equal([(2L, mine), (resumed, next)], c.Messages);
        Assert.Equal([2L, resumed], c.FirstFrames);
    }
}
