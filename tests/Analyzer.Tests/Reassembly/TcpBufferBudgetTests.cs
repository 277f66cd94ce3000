using System.Text;
using PcapSipAnalyzer.Analyzer.Reassembly;
using static PcapSipAnalyzer.Analyzer.Tests.Reassembly.TcpTestConnection;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>All TCP buffers of an analysis together stay within one budget, and every drop is counted.</summary>
public class TcpBufferBudgetTests
{
    private const uint Isn = 1000;

    [Fact]
    public void ConnectionsThatNeverFinishAMessageCannotHoldMoreThanTheBudget()
    {
        // Each connection starts an INVITE and stops ~3 KB into its headers: one 4 KiB buffer each. 16 fit.
        var budget = new TcpBufferBudget(64 * 1024);
        var c = new TcpTestConnection(budget: budget);
        var start = "INVITE sip:x SIP/2.0\r\nX-Filler: " + new string('a', 3000);
        for (int i = 0; i < 100; i++)
        {
            c.ClientPort = (ushort)(41000 + i);
            c.Send(Isn, "", Syn);
            c.Send(Isn + 1, start);
        }

        Assert.Equal(64 * 1024, budget.PeakBytes);
        Assert.Equal(100 - 16, c.Counters.BudgetDrops);
        Assert.Empty(c.Messages);

        // A connection that fits goes on: its message completes.
        c.ClientPort = 41000;
        c.Send(Isn + 1 + (uint)start.Length, "\r\nContent-Length: 0\r\n\r\n");
        Assert.Single(c.Messages);
        Assert.StartsWith("INVITE sip:x SIP/2.0", c.Messages[0].Text);

        // A refused connection resynchronises on its next start line.
        c.ClientPort = 41099;
        c.Send(Isn + 1 + (uint)start.Length, "\r\n\r\n" + Request(7));
        Assert.Equal(Request(7), c.Messages[^1].Text);

        c.Reassembler.Complete();
        Assert.Equal(0, budget.UsedBytes);
    }

    [Fact]
    public void HeldOutOfOrderSegmentsCountAgainstTheBudget()
    {
        var budget = new TcpBufferBudget(8 * 1024);
        var c = new TcpTestConnection(budget: budget);
        c.Send(Isn, "", Syn);
        var first = Encoding.ASCII.GetBytes(Request(1, new string('b', 5000)));
        var second = Encoding.ASCII.GetBytes(Request(2, new string('c', 5000)));
        uint at = Isn + 1 + 100; // 100 bytes never arrive
        c.Send(at, first);
        Assert.Equal(first.Length, budget.UsedBytes);
        // The second would pass the budget: the gap is given up, both are framed from the first start line.
        c.Send(at + (uint)first.Length, second);

        Assert.Equal(1, c.Counters.BudgetDrops);
        Assert.Equal(1, c.Counters.Gaps);
        Assert.Equal([Request(1, new string('b', 5000)), Request(2, new string('c', 5000))], c.Messages.Select(m => m.Text));
        Assert.Equal(0, budget.UsedBytes);
    }

    [Fact]
    public void AMessageSpanningSegmentsGivesItsBufferBackWhenDone()
    {
        var budget = new TcpBufferBudget();
        var c = new TcpTestConnection(budget: budget);
        c.Send(Isn, "", Syn);
        var message = Request(3, "body");
        c.Send(Isn + 1, message[..40]);
        // A 40-byte tail takes the smallest buffer, not 4 KiB: a flood of few-byte connections must not spend the budget.
        Assert.Equal(SipStreamFraming.MinBufferBytes, budget.UsedBytes);
        c.Send(Isn + 1 + 40, message[40..]);
        Assert.Equal([message], c.Messages.Select(m => m.Text));
        Assert.Equal(0, budget.UsedBytes);
    }
}
