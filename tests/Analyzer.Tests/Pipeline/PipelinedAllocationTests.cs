using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

/// <summary>
/// The per-packet path allocates nothing once its streams are known, on either thread of the pipeline:
/// ~100 000 RTP, RTCP, DNS and ARP packets of a synthesized mix, delivered a second time later in capture
/// time, through a pipelined dispatcher (the hand-over's batches are reused, the frame is copied in place).
/// </summary>
public class PipelinedAllocationTests
{
    [Fact]
    public void Media_packets_allocate_nothing_on_either_thread()
    {
        var packets = MediaAndOther(100_000);
        long span = packets[^1].TimestampNs - packets[0].TimestampNs + 1_000_000_000;
        using var dispatcher = new PacketDispatcher(new AnalysisResult(), new CapturePointTable(new SipEngineOptions()),
            new PathEvidence(), new RtpEngine(), pipelined: true);
        Assert.True(dispatcher.Pipelined);
        dispatcher.BeginCapture(new CaptureResult { Index = 0, Input = new CaptureInput("mix.pcap", "mix") });
        dispatcher.OnInterface(new CaptureInterface { Id = 0, LinkType = LinkTypes.Ethernet });

        Deliver(dispatcher, packets, 0);        // streams, pairs and batches are made here
        dispatcher.EndCapture();
        long reader = GC.GetAllocatedBytesForCurrentThread();
        long engines = dispatcher.EngineThreadAllocatedBytes;

        Deliver(dispatcher, packets, span);
        dispatcher.EndCapture();
        long readerDelta = GC.GetAllocatedBytesForCurrentThread() - reader;
        long enginesDelta = dispatcher.EngineThreadAllocatedBytes - engines;

        Assert.True(readerDelta < 16 * 1024, $"the reader's thread allocated {readerDelta} bytes over {packets.Count} packets");
        Assert.True(enginesDelta < 16 * 1024, $"the engines' thread allocated {enginesDelta} bytes over {packets.Count} packets");
    }

    internal static void Deliver(PacketDispatcher dispatcher, List<RecordedPacket> packets, long shift)
    {
        foreach (var p in packets)
        {
            dispatcher.OnPacket(new CapturedPacket
            {
                FrameNumber = p.FrameNumber,
                TimestampNs = p.TimestampNs + shift,
                LinkType = p.LinkType,
                OriginalLength = p.OriginalLength,
                Data = p.Data,
            });
        }
    }

    internal static List<RecordedPacket> MediaAndOther(int count)
    {
        string directory = Directory.CreateTempSubdirectory("pcapsip-alloc-").FullName;
        try
        {
            string path = Path.Combine(directory, "mix.pcap");
            CaptureSynthesis.Run(new SynthesisOptions { OutputPath = path, TruthPath = path + ".truth.json", Seed = 1, Phones = 2000, TargetPackets = 3 * count });
            using var file = File.OpenRead(path);
            var media = PacketRecorder.Read(file).Recorder.Packets.Where(IsMediaOrOther).Take(count).ToList();
            Assert.Equal(count, media.Count);
            return media;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static bool IsMediaOrOther(RecordedPacket p)
    {
        var frame = new DecodedFrame();
        FrameDecoder.Decode(p.LinkType, p.Data, ref frame);
        if (frame.Has(FrameLayers.Arp)) return true;
        return frame.Has(FrameLayers.Udp) && !SipDetector.LooksLikeSip(p.Data.AsSpan(frame.PayloadOffset, frame.PayloadLength));
    }
}
