using System.Text;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>
/// The resumable header-end search gives, over a message growing byte by byte, the answer a search from the
/// start gives at every length, while never looking at a byte twice but for a pending line end.
/// </summary>
public class SipFramingTests
{
    [Theory]
    [InlineData("INVITE sip:a SIP/2.0\r\nVia: x\r\nCall-ID: y\r\n\r\nbody")]
    [InlineData("OPTIONS sip:a SIP/2.0\nVia: x\n\nbody")]
    [InlineData("SIP/2.0 200 OK\r\nA: b\r\n\r\n")]
    [InlineData("REGISTER sip:a SIP/2.0\r\nX: \r\r\n\r\n")]
    [InlineData("MESSAGE sip:a SIP/2.0\r\n\r\n")]
    public void ResumingGivesTheSameEndAsSearchingFromTheStart(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        int expected = SipFraming.FindHeaderEnd(bytes);
        Assert.True(expected > 0);
        int scanned = 0;
        int found = -1;
        for (int length = 1; length <= bytes.Length && found < 0; length++)
        {
            found = SipFraming.FindHeaderEnd(bytes.AsSpan(0, length), ref scanned);
            Assert.Equal(SipFraming.FindHeaderEnd(bytes.AsSpan(0, length)), found);
            Assert.InRange(scanned, 0, length);
        }
        Assert.Equal(expected, found);
    }

    [Fact]
    public void TheResumePointFollowsTheLastLineEnd()
    {
        var bytes = Encoding.ASCII.GetBytes("INVITE sip:a SIP/2.0\r\nX-Long: aaaaaaaaaaaaaaaaaaaa");
        int scanned = 0;
        Assert.Equal(-1, SipFraming.FindHeaderEnd(bytes, ref scanned));
        Assert.Equal(bytes.Length, scanned);

        var pending = Encoding.ASCII.GetBytes("INVITE sip:a SIP/2.0\r\nX: 1\r\n");
        scanned = 0;
        Assert.Equal(-1, SipFraming.FindHeaderEnd(pending, ref scanned));
        Assert.Equal(pending.Length - 1, scanned); // the last LF may still be followed by the empty line
    }
}
