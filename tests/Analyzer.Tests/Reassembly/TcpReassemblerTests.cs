using System.Text;
using PcapSipAnalyzer.Analyzer.Reassembly;
using static PcapSipAnalyzer.Analyzer.Tests.Reassembly.TcpTestConnection;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

public class TcpReassemblerTests
{
    private const uint Isn = 1000;

    [Fact]
    public void SeveralMessagesInOneSegmentAllGetThatFrame()
    {
        var c = new TcpTestConnection();
        c.Send(Isn, "", Syn);
        long frame = c.Send(Isn + 1, Request(1) + Request(2, "body") + Request(3));
        Assert.Equal([(frame, Request(1)), (frame, Request(2, "body")), (frame, Request(3))], c.Messages);
    }

    [Fact]
    public void AMessageSplitAtEveryByteComesOutOnceInTheFrameThatCompletesIt()
    {
        string message = Request(7, "v=0\r\n");
        for (int split = 1; split < message.Length; split++)
        {
            var c = new TcpTestConnection();
            c.Send(Isn, "", Syn);
            c.Send(Isn + 1, message[..split]);
            long last = c.Send(Isn + 1 + (uint)split, message[split..]);
            Assert.Equal([(last, message)], c.Messages);
        }
    }

    [Fact]
    public void OneByteSegments()
    {
        string stream = Request(1) + "\r\n\r\n" + Request(2, "hello") + "\r\n";
        var c = new TcpTestConnection();
        var ends = new List<long>();
        for (int i = 0; i < stream.Length; i++)
        {
            long frame = c.Send(Isn + (uint)i, stream.Substring(i, 1));
            if (i == Request(1).Length - 1 || i == Request(1).Length + 4 + Request(2, "hello").Length - 1) ends.Add(frame);
        }
        Assert.Equal([(ends[0], Request(1)), (ends[1], Request(2, "hello"))], c.Messages);
        Assert.Equal(1, c.Counters.KeepalivePings);
        Assert.Equal(0, c.Counters.KeepalivePongs); // a final CRLF could still become a ping…
        c.Reassembler.Complete();
        Assert.Equal(1, c.Counters.KeepalivePongs); // …until the connection ends
        Assert.Equal(0, c.Counters.TruncatedAtClose);
    }

    [Fact]
    public void RetransmittedSegmentsAreCountedNotDeliveredAgain()
    {
        string message = Request(1, "0123456789");
        var c = new TcpTestConnection();
        c.Send(Isn, message[..40]);
        c.Send(Isn, message[..40]);
        long done = c.Send(Isn + 40, message[40..]);
        c.Send(Isn + 40, message[40..]);
        c.Send(Isn, message);
        Assert.Equal([(done, message)], c.Messages);
        Assert.Equal(3, c.Counters.RetransmittedSegments);
    }

    [Fact]
    public void TheSameSegmentOnAnotherInterfaceIsAnotherVantagePointNotARetransmission()
    {
        var c = new TcpTestConnection();
        long lanB = c.Send(Isn, Request(1));
        c.InterfaceId = 1;
        long lanA = c.Send(Isn, Request(1));
        Assert.Equal([(lanB, Request(1)), (lanA, Request(1))], c.Messages);
        Assert.Equal(0, c.Counters.RetransmittedSegments);
        Assert.Equal(2, c.Reassembler.ConnectionCount);
    }

    [Fact]
    public void OverlappingSegmentDeliversOnlyItsNewBytes()
    {
        string stream = Request(1) + Request(2);
        var c = new TcpTestConnection();
        c.Send(Isn, stream[..100]);
        c.Send(Isn + 50, stream[50..]);
        Assert.Equal([Request(1), Request(2)], c.Messages.Select(m => m.Text));
        Assert.Equal(1, c.Counters.RetransmittedSegments);
    }

    [Fact]
    public void OutOfOrderSegmentsWaitForTheGap()
    {
        string stream = Request(1) + Request(2);
        var c = new TcpTestConnection();
        c.Send(Isn, "", Syn);
        c.Send(Isn + 1 + 120, stream[120..]);
        c.Send(Isn + 1 + 60, stream[60..120]);
        Assert.Empty(c.Messages);
        long filler = c.Send(Isn + 1, stream[..60]);
        Assert.Equal([(filler, Request(1)), (filler, Request(2))], c.Messages);
        Assert.Equal(2, c.Counters.OutOfOrderSegments);
    }

    [Fact]
    public void AGapThatNeverFillsIsGivenUpAndTheStreamResynchronises()
    {
        var limits = new TcpReassemblyLimits { MaxOutOfOrderSegments = 2 };
        var c = new TcpTestConnection(limits);
        string first = Request(1);
        c.Send(Isn, first);
        uint at = Isn + (uint)first.Length + 30; // 30 bytes lost in the middle of request 2
        for (int n = 3; n <= 6; n++)
        {
            string r = Request(n);
            c.Send(at, r);
            at += (uint)r.Length;
        }
        Assert.Equal([Request(1), Request(3), Request(4), Request(5), Request(6)], c.Messages.Select(m => m.Text));
        Assert.Equal(1, c.Counters.Gaps);
    }

    [Fact]
    public void SequenceNumbersWrapAround()
    {
        var c = new TcpTestConnection();
        uint isn = uint.MaxValue - 20;
        c.Send(isn, "", Syn);
        string message = Request(1);
        c.Send(isn + 1, message[..50]);
        c.Send(unchecked(isn + 51), message[50..]);
        Assert.Equal([message], c.Messages.Select(m => m.Text));
    }

    [Fact]
    public void BothDirectionsAreSeparateStreams()
    {
        var c = new TcpTestConnection();
        string request = Request(1);
        string response = "SIP/2.0 200 OK\r\nCall-ID: call-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        c.Send(Isn, request[..30]);
        c.Send(5000, response[..30], fromServer: true);
        c.Send(Isn + 30, request[30..]);
        c.Send(5030, response[30..], fromServer: true);
        Assert.Equal([request, response], c.Messages.Select(m => m.Text));
    }

    [Fact]
    public void KeepalivesGarbageAndMidMessageStartsAreSkipped()
    {
        var c = new TcpTestConnection();
        // The capture starts inside a body; then garbage; then real messages with keep-alives between.
        string stream = "tail of a body\r\nnot a start line\r\n" + Request(1) + "\r\n\r\n" + "\r\n" + Request(2) + "garbage\r\n" + Request(3);
        c.Send(Isn, stream);
        Assert.Equal([Request(1), Request(2), Request(3)], c.Messages.Select(m => m.Text));
        Assert.Equal(1, c.Counters.KeepalivePings);
        Assert.Equal(1, c.Counters.KeepalivePongs);
        Assert.Equal(1, c.Counters.Resyncs);
        Assert.Equal("tail of a body\r\nnot a start line\r\n".Length + "garbage\r\n".Length, c.Counters.SkippedBytes);
    }

    [Fact]
    public void AnEndlessHeaderSectionNeverGrowsTheBufferBeyondTheLimit()
    {
        var limits = new TcpReassemblyLimits { MaxMessageBytes = 64 * 1024 };
        var c = new TcpTestConnection(limits);
        uint at = Isn;
        c.Send(at, "INVITE sip:x SIP/2.0\r\n");
        at += 22;
        var line = Encoding.ASCII.GetBytes("X-Filler: " + new string('a', 1000) + "\r\n");
        for (int i = 0; i < 300; i++, at += (uint)line.Length) c.Send(at, line);
        c.Send(at, Request(9));
        Assert.True(c.Counters.OversizeMessages >= 1);
        Assert.Equal([Request(9)], c.Messages.Select(m => m.Text));
    }

    [Fact]
    public void AContentLengthBeyondTheLimitIsDeliveredCutShortOnceAndSkipped()
    {
        var limits = new TcpReassemblyLimits { MaxMessageBytes = 4096 };
        var c = new TcpTestConnection(limits);
        string head = "MESSAGE sip:x SIP/2.0\r\nCall-ID: big\r\nCSeq: 1 MESSAGE\r\nContent-Length: 10000\r\n\r\n";
        c.Send(Isn, head + new string('b', 1000));
        c.Send(Isn + (uint)head.Length + 1000, new string('b', 9000) + Request(2));
        Assert.Equal(2, c.Messages.Count);
        Assert.StartsWith(head, c.Messages[0].Text);
        Assert.Equal(Request(2), c.Messages[1].Text);
        Assert.Equal(1, c.Counters.OversizeMessages);
    }

    [Fact]
    public void TlsIsCountedAndNotParsed()
    {
        var c = new TcpTestConnection();
        c.Send(Isn, [0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5]);
        c.Send(Isn + 10, Request(1));
        var sips = new TcpTestConnection { ServerPort = 5061 };
        sips.Send(Isn, [0x17, 0x03, 0x03, 0x00, 0x02, 0xAB, 0xCD]); // application data: the capture began mid-session
        var sipsMidRecord = new TcpTestConnection { ServerPort = 5061 };
        sipsMidRecord.Send(Isn, [0x9E, 0x01, 0x55]);
        var https = new TcpTestConnection { ServerPort = 443 };
        https.Send(Isn, [0x16, 0x03, 0x01, 0x00, 0x01, 0x01]);
        Assert.Empty(c.Messages);
        Assert.Equal(1, c.Counters.EncryptedSipConnections);
        Assert.Equal(1, sips.Counters.EncryptedSipConnections);
        Assert.Equal(1, sipsMidRecord.Counters.EncryptedSipConnections);
        Assert.Equal(1, https.Counters.TlsConnections);
        Assert.Equal(0, https.Counters.EncryptedSipConnections);
    }

    [Fact]
    public void PlainSipOnPort5061IsParsed()
    {
        var c = new TcpTestConnection { ServerPort = 5061 };
        c.Send(Isn, Request(1));
        Assert.Equal([Request(1)], c.Messages.Select(m => m.Text));
        Assert.Equal(0, c.Counters.TlsConnections);
    }

    [Fact]
    public void AStreamWithoutSipIsGivenUp()
    {
        var c = new TcpTestConnection(new TcpReassemblyLimits { MaxHuntBytes = 10_000 });
        var noise = new byte[1000];
        new Random(1).NextBytes(noise);
        for (uint i = 0; i < 20; i++) c.Send(Isn + i * 1000, noise);
        Assert.Equal(1, c.Counters.NonSipStreams);
        Assert.Empty(c.Messages);
    }

    [Fact]
    public void FinInBothDirectionsAndRstCloseTheConnection()
    {
        var c = new TcpTestConnection();
        c.Send(Isn, "", Syn);
        c.Send(5000, "", Syn | Ack, fromServer: true);
        c.Send(Isn + 1, Request(1), Fin | Ack);
        Assert.Equal(1, c.Reassembler.ConnectionCount);
        c.Send(5001, "", Fin | Ack, fromServer: true);
        Assert.Equal(0, c.Reassembler.ConnectionCount);
        c.Send(Isn + 1 + (uint)Request(1).Length + 1, "", Ack); // the last ACK opens nothing
        Assert.Equal(0, c.Reassembler.ConnectionCount);

        c.ClientPort = 40001;
        c.Send(Isn, Request(2)[..20]);
        c.Send(Isn, "", Rst);
        Assert.Equal(0, c.Reassembler.ConnectionCount);
        Assert.Equal(2, c.Counters.ConnectionsClosed);
        Assert.Equal([Request(1)], c.Messages.Select(m => m.Text));
    }

    [Fact]
    public void ANewSynOnTheSamePortsStartsAFreshStream()
    {
        var c = new TcpTestConnection();
        c.Send(Isn, "", Syn);
        c.Send(Isn, "", Syn); // retransmitted SYN: nothing changes
        c.Send(Isn + 1, Request(1)[..40]);
        c.Send(90_000, "", Syn); // the client reconnects from the same port
        c.Send(90_001, Request(2));
        Assert.Equal([Request(2)], c.Messages.Select(m => m.Text));
    }

    [Fact]
    public void IdleConnectionsExpireAndAFullTableEvictsTheLeastRecentlyActive()
    {
        var c = new TcpTestConnection(new TcpReassemblyLimits { MaxConnections = 2, IdleTimeoutNs = 60_000_000_000 });
        for (ushort port = 1; port <= 3; port++)
        {
            c.ClientPort = port;
            c.Send(Isn, Request(port)[..10]);
        }
        Assert.Equal(2, c.Reassembler.ConnectionCount);
        Assert.Equal(1, c.Counters.ConnectionsEvicted);
        c.NowNs += 61_000_000_000;
        c.ClientPort = 4;
        c.Send(Isn, Request(4));
        Assert.Equal(2, c.Counters.ConnectionsExpired);
        Assert.Equal(1, c.Reassembler.ConnectionCount);
        c.Reassembler.Complete();
        Assert.Equal(0, c.Reassembler.ConnectionCount);
    }
}
