using System.Buffers.Binary;
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
    private const int BlockSize = 1 << 20;

    private byte[] _pcap = [];
    private byte[] _pcapng = [];
    private byte[] _gzip = [];
    private readonly byte[] _block = new byte[BlockSize + 64 * 1024];

    [GlobalSetup]
    public void Setup()
    {
        _pcap = SyntheticCapture.Pcap(Packets, FrameLength);
        _pcapng = SyntheticCapture.Pcapng(Packets, FrameLength);
        _gzip = SyntheticCapture.Gzip(_pcap);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets), BenchmarkCategory("pcap")]
    public long PcapBlockLoop() => BlockLoop(_pcap, pcapng: false);

    [Benchmark(OperationsPerInvoke = Packets), BenchmarkCategory("pcap")]
    public long PcapReader() => Read(_pcap);

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets), BenchmarkCategory("pcapng")]
    public long PcapngBlockLoop() => BlockLoop(_pcapng, pcapng: true);

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

    /// <summary>
    /// The baseline: read 1 MiB at a time, walk whole records in the block, carry a partial record over to
    /// the next block. No framing checks beyond the lengths, no sink.
    /// </summary>
    private long BlockLoop(byte[] capture, bool pcapng)
    {
        var stream = new MemoryStream(capture, writable: false);
        long total = 0;
        int carried = 0;
        bool header = true;
        while (true)
        {
            int read = stream.Read(_block, carried, BlockSize);
            int length = carried + read;
            int at = 0;
            if (header)
            {
                at = pcapng ? (int)BinaryPrimitives.ReadUInt32LittleEndian(_block.AsSpan(4)) : 24;
                header = false;
            }

            while (true)
            {
                var rest = _block.AsSpan(at, length - at);
                if (rest.Length < 16)
                {
                    break;
                }

                int recordLength = pcapng
                    ? (int)BinaryPrimitives.ReadUInt32LittleEndian(rest[4..])
                    : 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]);
                if (rest.Length < recordLength)
                {
                    break;
                }

                // Touch what the reader touches: timestamp, lengths, first data byte.
                int dataOffset = pcapng ? 28 : 16;
                total += BinaryPrimitives.ReadUInt32LittleEndian(rest[(pcapng ? 16 : 4)..]) + rest[dataOffset];
                at += recordLength;
            }

            carried = length - at;
            _block.AsSpan(at, carried).CopyTo(_block);
            if (read == 0)
            {
                return total;
            }
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
