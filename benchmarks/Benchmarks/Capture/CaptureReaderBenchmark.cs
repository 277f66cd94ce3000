using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Benchmarks.Capture;

/// <summary>
/// The capture reader against a plain loop over 1 MiB blocks that walks the same records and touches the
/// same header fields: the price of Pipelines, framing and the sink call per packet. In-memory input, so
/// only parsing is measured. One operation = one packet.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CaptureReaderBenchmark
{
    private const int Packets = 200_000;
    private const int FrameLength = 200;

    private byte[] _pcap = [];
    private byte[] _pcapng = [];
    private byte[] _gzip = [];
    private readonly BlockLoopBaseline _blockLoop = new();

    [GlobalSetup]
    public void Setup()
    {
        _pcap = SyntheticCapture.Pcap(Packets, FrameLength);
        _pcapng = SyntheticCapture.Pcapng(Packets, FrameLength);
        _gzip = SyntheticCapture.Gzip(_pcap);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets), BenchmarkCategory("pcap")]
    public long PcapBlockLoop() => _blockLoop.Walk(new MemoryStream(_pcap, writable: false), pcapng: false);

    [Benchmark(OperationsPerInvoke = Packets), BenchmarkCategory("pcap")]
    public long PcapReader() => Read(_pcap);

    /// <summary>The same with a struct sink: generic code specialised for it, the sink call inlined.</summary>
    [Benchmark(OperationsPerInvoke = Packets), BenchmarkCategory("pcap")]
    public long PcapReaderStructSink()
    {
        var total = new StrongBox<long>();
        var summary = new CaptureReader(new MemoryStream(_pcap, writable: false)).ReadAsync(new TouchingStructSink(total)).AsTask().GetAwaiter().GetResult();
        return summary.Packets + total.Value;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets), BenchmarkCategory("pcapng")]
    public long PcapngBlockLoop() => _blockLoop.Walk(new MemoryStream(_pcapng, writable: false), pcapng: true);

    [Benchmark(OperationsPerInvoke = Packets), BenchmarkCategory("pcapng")]
    public long PcapngReader() => Read(_pcapng);

    [Benchmark(OperationsPerInvoke = Packets), BenchmarkCategory("gzip")]
    public long GzipPcapReader() => Read(_gzip);

    private static long Read(byte[] capture)
    {
        var sink = new TouchingSink();
        var summary = new CaptureReader(new MemoryStream(capture, writable: false)).ReadAsync(sink).AsTask().GetAwaiter().GetResult();
        return summary.Packets + sink.Total;
    }

    private readonly struct TouchingStructSink(StrongBox<long> total) : IPacketSink
    {
        public void OnPacket(in CapturedPacket packet) => total.Value += packet.TimestampNs + packet.Data[0];

        public void OnInterface(CaptureInterface captureInterface)
        {
        }
    }

    private sealed class TouchingSink : IPacketSink
    {
        public long Total;

        public void OnPacket(in CapturedPacket packet) => Total += packet.TimestampNs + packet.Data[0];

        public void OnInterface(CaptureInterface captureInterface)
        {
        }
    }
}
