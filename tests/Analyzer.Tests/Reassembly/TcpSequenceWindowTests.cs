using PcapSipAnalyzer.Analyzer.Reassembly;
using static PcapSipAnalyzer.Analyzer.Tests.Reassembly.TcpTestConnection;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// Sequence numbers are serial (RFC 1982): a segment exactly 2^31 away from the stream is neither ahead nor
/// behind, and one further than the largest TCP window (2^30) cannot belong to it. Such segments are ignored
/// and counted; they once crashed the reassembler (negating int.MinValue).
/// </summary>
public class TcpSequenceWindowTests
{
    private const uint Isn = 1000;

    [Theory]
    [InlineData(0x8000_0000u)]       // exactly 2^31 ahead: the old crash
    [InlineData(0x4000_0001u)]       // just past the largest window, ahead
    [InlineData(0xBFFF_FFFFu)]       // just past the largest window, behind
    public void ASegmentOutsideAnyWindowIsIgnoredAndCounted(uint distance)
    {
        var c = new TcpTestConnection();
        c.Send(Isn, "", Syn);
        c.Send(unchecked(Isn + 1 + distance), Request(9));
        long frame = c.Send(Isn + 1, Request(1));

        Assert.Equal(1, c.Counters.OutOfWindowSegments);
        Assert.Equal([(frame, Request(1))], c.Messages);
        Assert.Equal(0, c.Counters.Gaps);
    }

    [Fact]
    public void OnSegmentSaysWhichSegmentWasOutOfWindow()
    {
        var c = new TcpTestConnection();
        c.Send(Isn, "", Syn);
        c.Send(Isn + 1, Request(1));
        Assert.True(c.LastInWindow);
        c.Send(unchecked(Isn + 1 + 0x8000_0000u), Request(2));
        Assert.False(c.LastInWindow);
    }

    [Fact]
    public void ASegmentAtTheEdgeOfTheLargestWindowIsStillHeldForItsGap()
    {
        var c = new TcpTestConnection();
        c.Send(Isn, "", Syn);
        c.Send(Isn + 1 + (uint)TcpStream.MaxWindow, Request(2));
        Assert.Equal(0, c.Counters.OutOfWindowSegments);
        Assert.Equal(1, c.Counters.OutOfOrderSegments);
    }

    [Theory]
    [InlineData(0u, 5u, 5L)]
    [InlineData(5u, 0u, -5L)]
    [InlineData(0xFFFF_FFF0u, 0x10u, 0x20L)]
    [InlineData(0u, 0x8000_0000u, -0x8000_0000L)]
    public void DistanceIsSerialAndNeverOverflows(uint from, uint to, long expected)
    {
        Assert.Equal(expected, TcpStream.Distance(from, to));
    }
}
