using PcapSipAnalyzer.Synthesizer.Truth;

namespace PcapSipAnalyzer.Synthesizer;

public sealed partial class FloodSynthesizer
{
    private const int TinySegmentLength = 10;

    /// <summary>
    /// An INVITE over TCP whose header section (<see cref="SynthesisOptions.HeaderBytes"/> of 64-byte header
    /// lines) arrives in 10-byte segments, then a normal OPTIONS: a framer that searches the whole buffered section
    /// again on each segment takes time quadratic in its length.
    /// </summary>
    private FloodTruth TinySegments()
    {
        const string Head = "INVITE sip:1000@pbx.example.com SIP/2.0\r\nVia: SIP/2.0/TCP 10.62.0.1:40000;branch=z9hG4bKtiny\r\n" +
            "From: <sip:tiny@10.62.0.1>;tag=1\r\nTo: <sip:1000@pbx.example.com>\r\nCall-ID: tiny-segments@10.62.0.1\r\nCSeq: 1 INVITE\r\n";
        const string Tail = "Content-Length: 0\r\n\r\n" +
            "OPTIONS sip:pbx.example.com SIP/2.0\r\nVia: SIP/2.0/TCP 10.62.0.1:40000;branch=z9hG4bKafter\r\n" +
            "From: <sip:tiny@10.62.0.1>;tag=2\r\nTo: <sip:pbx.example.com>\r\nCall-ID: after-tiny@10.62.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        string line = "X-Filler: " + new string('t', 52) + "\r\n";
        long header = _options.HeaderBytes / line.Length * line.Length;
        var s = new TcpFloodStream(Source(62, 0), 40000, _random.NextUInt(), _random.NextUInt(), Head, line, header, Tail);
        Handshake(s);
        while (s.Remaining > 0) Data(s, (int)Math.Min(TinySegmentLength, s.Remaining));
        Segment(s, true, Wire.FrameBuilder.TcpFin | Wire.FrameBuilder.TcpAck, 0);
        _truth.Sip.CountRequest("INVITE", false);
        _truth.Sip.CountRequest("OPTIONS", false);
        return new FloodTruth { Kind = "tiny-segments", Distinct = 1, Bytes = header, Description = "INVITE over TCP with a huge header section in 10-byte segments, then an OPTIONS" };
    }
}
