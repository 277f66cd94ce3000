using System.Diagnostics;
using PcapSipAnalyzer.Analyzer.Flows;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Benchmarks.Pipeline;

/// <summary>
/// What each new connection of a TCP connection flood (<c>tcp-tiny-segments</c>, <c>colliding-connections</c>)
/// costs, stage by stage, with every table fresh in each round as in a run of the CLI: the neighbour table alone,
/// the flow table with the path evidence, the reassembler alone, and the whole dispatcher (one thread). The
/// capture is held in memory and decoded up front; rounds run warm (JIT done), so the figures are the steady work
/// per segment. <c>dotnet run -c Release --project benchmarks/Benchmarks -- connection-flood FILE [ROUNDS [STAGE]]</c>
/// </summary>
public static class ConnectionFloodStages
{
    public static void Run(string[] args)
    {
        string path = args[1];
        int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 15;
        using var file = File.OpenRead(path);
        var packets = PacketRecorder.Read(file).Recorder.Packets;
        var frames = new DecodedFrame[packets.Count];
        var metas = new PacketMeta[packets.Count];
        for (int i = 0; i < packets.Count; i++)
        {
            FrameDecoder.Decode(packets[i].LinkType, packets[i].Data, ref frames[i]);
            metas[i] = PacketMeta.From(Captured(packets[i]), frames[i], Transport.Tcp);
        }
        Console.WriteLine($"{path}: {packets.Count:N0} packets; slots: connection {System.Runtime.CompilerServices.Unsafe.SizeOf<TcpConnection>()} B, stream {System.Runtime.CompilerServices.Unsafe.SizeOf<TcpStream>()} B");
        var stages = new (string Name, Action Body)[]
        {
            ("neighbours", () =>
            {
                var table = new NeighborTable();
                var segment = new SegmentKey(0, 0, 0);
                for (int i = 0; i < frames.Length; i++) table.Observe(segment, i + 1, in frames[i]);
            }),
            ("flows+paths", () =>
            {
                var flows = new FlowTable();
                var paths = new PathEvidence();
                for (int i = 0; i < frames.Length; i++)
                {
                    ref var link = ref flows.Find(FlowKey.Of(0, 0, in frames[i]), out _);
                    paths.Observe(0, 0, i + 1, metas[i].TimestampNs, in frames[i], ref link);
                }
            }),
            ("reassembly", () =>
            {
                var reassembler = new TcpReassembler();
                var sink = new NullSink();
                for (int i = 0; i < frames.Length; i++)
                {
                    var data = packets[i].Data;
                    reassembler.OnSegment(metas[i], frames[i], data.AsSpan(frames[i].PayloadOffset, frames[i].PayloadLength), sink);
                }
                reassembler.Complete();
            }),
            ("dispatcher", () =>
            {
                var dispatcher = new PacketDispatcher(new AnalysisResult(), new CapturePointTable(new SipEngineOptions()), new PathEvidence(), new RtpEngine());
                dispatcher.BeginCapture(new CaptureResult { Index = 0, Input = new CaptureInput("flood.pcap", "flood") });
                dispatcher.OnInterface(new CaptureInterface { Id = 0, LinkType = LinkTypes.Ethernet });
                foreach (var p in packets) dispatcher.OnPacket(Captured(p));
                dispatcher.EndCapture();
                dispatcher.Dispose();
            }),
        };
        string? only = args.Length > 3 ? args[3] : null;
        foreach (var (name, body) in stages)
        {
            if (only is not null && name != only) continue;
            var times = new List<double>();
            long allocated = 0;
            int gcs = 0;
            for (int round = 0; round < rounds; round++)
            {
                GC.Collect();
                long a0 = GC.GetTotalAllocatedBytes(precise: true);
                int g0 = GC.CollectionCount(0);
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                body();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
                if (round == 0) continue; // the first round JIT-compiles
                times.Add(cpu.TotalSeconds * 1e9 / frames.Length);
                allocated += GC.GetTotalAllocatedBytes(precise: true) - a0;
                gcs += GC.CollectionCount(0) - g0;
            }
            times.Sort();
            Console.WriteLine($"{name,-12} median {times[times.Count / 2],7:N0} ns/segment (min {times[0],5:N0}, max {times[^1],5:N0}) · " +
                $"allocated {allocated / (double)(rounds - 1) / frames.Length,6:N1} B/segment · gen0 GCs per round {gcs / (double)(rounds - 1):N1}");
        }
    }

    private static CapturedPacket Captured(RecordedPacket p) => new()
    {
        FrameNumber = p.FrameNumber,
        TimestampNs = p.TimestampNs,
        LinkType = p.LinkType,
        OriginalLength = p.OriginalLength,
        Data = p.Data,
    };

    private sealed class NullSink : ISipMessageSink
    {
        public void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message) { }
    }
}
