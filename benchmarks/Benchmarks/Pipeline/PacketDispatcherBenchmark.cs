using BenchmarkDotNet.Attributes;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Benchmarks.Pipeline;

/// <summary>
/// The whole per-packet path (decode, counters, path evidence, reassembly, SIP/RTP engines) on a synthesized
/// VoIP mix, one operation = one packet. <see cref="Mix"/> feeds the mix's first packets, SIP included, to a
/// fresh dispatcher: its allocations are the SIP messages' (the design keeps their fields as strings) and the
/// new streams', connections' and transactions' objects, spread over all packets. <see cref="MediaAndOther"/>
/// feeds the UDP datagrams that are not SIP (RTP, RTCP, DNS) and ARP — nine in ten packets of the mix — to a
/// warm dispatcher, each round later in time: that path must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class PacketDispatcherBenchmark
{
    private const int Packets = 100_000;
    private RecordedPacket[] _mix = [];
    private RecordedPacket[] _media = [];
    private long _span;
    private long _round;
    private PacketDispatcher _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        string directory = Directory.CreateTempSubdirectory("pcapsip-bench-").FullName;
        try
        {
            string path = Path.Combine(directory, "mix.pcap");
            CaptureSynthesis.Run(new SynthesisOptions { OutputPath = path, Seed = 1, Phones = 2000, TargetPackets = 3 * Packets });
            using var file = File.OpenRead(path);
            var all = PacketRecorder.Read(file).Recorder.Packets;
            _mix = all.Take(Packets).ToArray();
            _media = all.Where(IsMediaOrOther).Take(Packets).ToArray();
            if (_mix.Length < Packets || _media.Length < Packets)
                throw new InvalidOperationException("the synthesized mix is shorter than one benchmark round");
            _span = _media[^1].TimestampNs - _media[0].TimestampNs + 1_000_000_000;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        _warm = NewDispatcher();
        MediaAndOther();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets)]
    public long DecodeOnly()
    {
        var frame = new DecodedFrame();
        long sum = 0;
        foreach (var p in _media)
        {
            FrameDecoder.Decode(p.LinkType, p.Data, ref frame);
            sum += frame.PayloadLength;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public void MediaAndOther()
    {
        long shift = _round++ * _span;
        foreach (var p in _media)
            Deliver(_warm, p, shift);
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public void Mix()
    {
        var dispatcher = NewDispatcher();
        foreach (var p in _mix)
            Deliver(dispatcher, p, 0);
    }

    private static void Deliver(PacketDispatcher dispatcher, RecordedPacket p, long shift)
    {
        var packet = new CapturedPacket
        {
            FrameNumber = p.FrameNumber,
            TimestampNs = p.TimestampNs + shift,
            LinkType = p.LinkType,
            OriginalLength = p.OriginalLength,
            Data = p.Data,
        };
        dispatcher.OnPacket(packet);
    }

    private static PacketDispatcher NewDispatcher()
    {
        var dispatcher = new PacketDispatcher(new AnalysisResult(), new CapturePointTable(new SipEngineOptions()), new PathEvidence(), new RtpEngine());
        dispatcher.BeginCapture(new CaptureResult { Index = 0, Input = new CaptureInput("mix.pcap", "mix") });
        dispatcher.OnInterface(new CaptureInterface { Id = 0, LinkType = LinkTypes.Ethernet });
        return dispatcher;
    }

    private static bool IsMediaOrOther(RecordedPacket p)
    {
        var frame = new DecodedFrame();
        FrameDecoder.Decode(p.LinkType, p.Data, ref frame);
        if (frame.Has(FrameLayers.Arp))
            return true;
        return frame.Has(FrameLayers.Udp) && !SipDetector.LooksLikeSip(p.Data.AsSpan(frame.PayloadOffset, frame.PayloadLength));
    }
}
