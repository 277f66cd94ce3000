using System.Reflection;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sdp;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

/// <summary>
/// The m= sections of an SDP stay with every copy of their message in its transaction: the engines must not
/// give a section without a=rtpmap a dictionary of rtpmaps (a flood of m= lines made 320 000 of them, a
/// quarter of the heap).
/// </summary>
public class SdpMemoryTests
{
    [Fact]
    public void An_m_line_without_rtpmap_keeps_no_rtpmap_dictionary_after_the_engines_read_it()
    {
        const string sdp = "v=0\r\no=- 1 1 IN IP4 10.20.0.5\r\ns=-\r\nc=IN IP4 10.20.0.5\r\nt=0 0\r\n" +
                           "m=audio 20000 RTP/AVP 0 8\r\nm=audio 20002 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\n";
        string invite = "INVITE sip:1000@10.10.0.10 SIP/2.0\r\n" +
                        "Via: SIP/2.0/UDP 10.20.0.5:5060;branch=z9hG4bK-sdp\r\n" +
                        "From: <sip:2000@10.20.0.5>;tag=a\r\nTo: <sip:1000@10.10.0.10>\r\n" +
                        "Call-ID: sdp-memory\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n" +
                        $"Content-Length: {sdp.Length}\r\n\r\n{sdp}";
        var frame = Ethernet(0x0800, Ipv4(17, "10.20.0.5", "10.10.0.10", Udp(5060, 5060, Ascii(invite))));
        var points = new CapturePointTable(new SipEngineOptions());
        using (var dispatcher = new PacketDispatcher(new AnalysisResult(), points, new PathEvidence(), new RtpEngine()))
        {
            dispatcher.BeginCapture(new CaptureResult { Index = 0, Input = new CaptureInput("sdp.pcap", "sdp") });
            dispatcher.OnInterface(new CaptureInterface { Id = 0, LinkType = LinkTypes.Ethernet });
            dispatcher.OnPacket(new CapturedPacket { FrameNumber = 1, TimestampNs = 1_000_000_000, LinkType = LinkTypes.Ethernet, OriginalLength = frame.Length, Data = frame });
            dispatcher.EndCapture();
        }
        var engine = Assert.Single(points.Points).Sip;
        engine.Finish(100_000_000_000);

        var media = Assert.Single(engine.Transactions).Requests[0].Sdp!.Media;
        Assert.Equal(2, media.Length);
        Assert.Null(RtpMapsField.GetValue(media[0]));
        Assert.Equal(48000, media[1].RtpMaps[96].ClockRate);
    }

    private static readonly FieldInfo RtpMapsField =
        typeof(SdpMedia).GetField("_rtpMaps", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("SdpMedia keeps its rtpmaps elsewhere: update this test");
}
