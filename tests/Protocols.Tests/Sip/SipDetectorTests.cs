using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

public class SipDetectorTests
{
    [Fact]
    public void HttpOnTheSipPortIsNotSip()
    {
        // tshark dissects these TCP payloads on 5060 as SIP "Continuation" frames (by port); they are HTTP.
        var packets = FixturePackets.Read(Fixtures.PathOf("public/nDPI/http_on_sip_port.pcap"));
        var payloads = packets.Where(p => p.Payload.Length > 0).ToList();
        Assert.NotEmpty(payloads);
        Assert.Contains(payloads, p => p.Payload.AsSpan().StartsWith("GET "u8));
        Assert.All(payloads, p => Assert.False(SipDetector.LooksLikeSip(p.Payload)));
    }

    [Fact]
    public void RtpIsNotSip()
    {
        // Every UDP payload tshark decodes as RTP in a call capture.
        string file = Fixtures.PathOf("public/wireshark-wiki/sip-rtp-g711.pcap");
        var rtpFrames = Tshark.Fields(file, "rtp", ["frame.number"], "-o", "rtp.heuristic_rtp:TRUE")
            .Select(f => long.Parse(f[0])).ToHashSet();
        var rtp = FixturePackets.Read(file).Where(p => rtpFrames.Contains(p.FrameNumber)).ToList();
        Assert.True(rtp.Count > 800);
        Assert.All(rtp, p => Assert.False(SipDetector.LooksLikeSip(p.Payload)));
    }

    [Theory]
    [InlineData("\r\n\r\n")]
    [InlineData("\r\n")]
    [InlineData("OPTIONS sip:x SIP/2.0")]
    [InlineData("OPTIONS sip:x")]
    public void KeepalivesAndUnfinishedLinesAreNotSip(string text) =>
        Assert.False(SipDetector.LooksLikeSip(System.Text.Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData("OPTIONS sip:x SIP/2.0\r\n", SipStartLineKind.Request)]
    [InlineData("FOO-BAR.baz sips:x;y=z SIP/2.0\n", SipStartLineKind.Request)]
    [InlineData("SIP/2.0 180 Ringing\r\n", SipStartLineKind.Status)]
    [InlineData("SIP/2.0 200\r\n", SipStartLineKind.Status)]
    [InlineData("SIP/2.0 2", SipStartLineKind.Incomplete)]
    [InlineData("OPTIONS sip:x SIP/2", SipStartLineKind.Incomplete)]
    [InlineData("OPTIONS sip:x SIP/2.0\r", SipStartLineKind.Incomplete)]
    [InlineData("REG", SipStartLineKind.Incomplete)]
    [InlineData("GET / HTTP/1.1\r\n", SipStartLineKind.NotSip)]
    [InlineData("\u0080\u0000", SipStartLineKind.NotSip)]
    public void Classify(string text, SipStartLineKind kind) =>
        Assert.Equal(kind, SipDetector.Classify(System.Text.Encoding.Latin1.GetBytes(text)));
    [Fact]
    public void ARequestUriEndsAtWhiteSpaceControlBytesAndDelAndNowhereElse()
    {
        // Every byte value inside the URI, against what RFC 3261's Request-Line allows there (no SP, CTL or DEL);
        // a byte that ends the URI early leaves "b SIP/2.0" where the version should be.
        for (int b = 0; b < 256; b++)
        {
            var line = System.Text.Encoding.Latin1.GetBytes("INVITE sip:a" + (char)b + "b@pbx SIP/2.0\r\n");
            var expected = b > ' ' && b != 0x7F ? SipStartLineKind.Request : SipStartLineKind.NotSip;
            Assert.Equal(expected, SipDetector.Classify(line));
        }
        // At every place of a URI long enough to be searched sixteen bytes at a time, its last block overlapping
        // or not: the first byte that may not be there ends it, wherever it falls in a block.
        const string Uri = "sip:alice.and.bob.and.carol@pbx.example.com;transport=udp";
        foreach (byte b in new byte[] { 0, (byte)'\t', (byte)' ', 0x1F, 0x7F, (byte)'!', 0x80, 0xFF })
            for (int at = 1; at < Uri.Length; at++)
            {
                var line = System.Text.Encoding.Latin1.GetBytes("OPTIONS " + Uri[..at] + (char)b + Uri[at..] + " SIP/2.0\r\n");
                var expected = b > ' ' && b != 0x7F ? SipStartLineKind.Request : SipStartLineKind.NotSip;
                Assert.Equal(expected, SipDetector.Classify(line));
            }
        // Cut short inside the URI: more may come.
        Assert.Equal(SipStartLineKind.Incomplete, SipDetector.Classify("INVITE sip:alice@pbx.example.com"u8));
        // A URI that runs past the longest start line is no SIP.
        var endless = System.Text.Encoding.ASCII.GetBytes("INVITE sip:" + new string('a', 9000));
        Assert.Equal(SipStartLineKind.NotSip, SipDetector.Classify(endless));
    }
}
