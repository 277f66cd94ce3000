using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

/// <summary>
/// An exception while one packet is handled becomes an engine-error anomaly with that packet's frame, and the
/// next packet is handled as usual: one odd packet never costs the report.
/// </summary>
public class EngineErrorTests
{
    private static readonly byte[] Options = Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(5060, 5060, Ascii(
        "OPTIONS sip:pbx SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\n" +
        "To: <sip:pbx>\r\nCall-ID: engine-error@x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"))));

    [Fact]
    public void AFailingPacketIsCountedWithItsFrameAndTheNextOneIsHandled()
    {
        var result = new AnalysisResult();
        var stage = new TransportStage(result, new RtpEngine());
        var point = new CapturePoint(0, "p", 0, null, new SipEngineOptions());

        // No capture begun: the stage has nowhere to count the SIP message, and throws on it.
        Handle(stage, point, frameNumber: 7);

        var entry = result.Anomalies.Entries[EngineErrors.AnomalyKind];
        Assert.Equal(1, entry.Count);
        Assert.Equal([new FrameRef(0, 7)], entry.Frames);
        Assert.IsType<NullReferenceException>(result.EngineErrors.First);

        var capture = new CaptureResult { Index = 0, Input = CaptureInput.ForFile("x.pcap") };
        stage.BeginCapture(capture);
        Handle(stage, point, frameNumber: 8);
        Assert.Equal(1, capture.Protocols.Sip);
        Assert.Equal(1, result.Anomalies.Entries[EngineErrors.AnomalyKind].Count);
    }

    private static void Handle(TransportStage stage, CapturePoint point, long frameNumber)
    {
        var frame = default(DecodedFrame);
        FrameDecoder.Decode(1, Options, ref frame);
        var packet = new CapturedPacket { FrameNumber = frameNumber, LinkType = 1, Data = Options, TimestampNs = frameNumber * 1000 };
        stage.OnPacket(ref frame, point, packet, default, packet.TimestampNs);
    }
}
