using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Selection;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Tests.Pipeline;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Selection;

/// <summary>
/// A selection is checked on every packet, so it must cost no allocation either: libpcap's program runs on the
/// packet's bytes in place, the time window and the client are compared on fields. 100 000 packets of the
/// synthesized mix through a dispatcher with --filter, --from and --client all set.
/// </summary>
public class SelectionAllocationTests
{
    [Fact]
    public void A_selection_allocates_nothing_per_packet()
    {
        var packets = PipelinedAllocationTests.MediaAndOther(100_000);
        long span = packets[^1].TimestampNs - packets[0].TimestampNs + 1_000_000_000;
        var frame = new DecodedFrame();
        FrameDecoder.Decode(packets[0].LinkType, packets[0].Data, ref frame);
        var selection = new PacketSelection
        {
            Filter = "udp or arp",
            From = new TimeBound(0, FromCaptureStart: true),
            Client = new ClientAddress(frame.SourceIp, 0),
        };
        var capture = new CaptureResult { Index = 0, Input = new CaptureInput("mix.pcap", "mix") };
        using var dispatcher = new PacketDispatcher(new AnalysisResult(), new CapturePointTable(new SipEngineOptions()),
            new PathEvidence(), new RtpEngine(), pipelined: false, new PacketGate(selection, null));
        dispatcher.BeginCapture(capture);
        dispatcher.OnInterface(new CaptureInterface { Id = 0, LinkType = LinkTypes.Ethernet });

        PipelinedAllocationTests.Deliver(dispatcher, packets, 0);
        dispatcher.EndCapture();
        long kept = capture.Kept!.Count;
        Assert.InRange(kept, 1, packets.Count - 1); // the client's packets only: the gate really chose
        long before = GC.GetAllocatedBytesForCurrentThread();

        PipelinedAllocationTests.Deliver(dispatcher, packets, span);
        dispatcher.EndCapture();
        long delta = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(delta < 16 * 1024, $"the selection allocated {delta} bytes over {packets.Count} packets");
        Assert.Equal(kept, capture.Kept.Count);
    }
}
