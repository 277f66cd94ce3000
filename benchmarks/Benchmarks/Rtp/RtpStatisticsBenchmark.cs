using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Rtp;

namespace PcapSipAnalyzer.Benchmarks.Rtp;

/// <summary>
/// Cost per RTP packet: header parse alone (baseline) versus the whole engine path for a known stream
/// (demux, parse, stream lookup, Wireshark statistics). Both must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class RtpStatisticsBenchmark
{
    private const int Packets = 10_000;
    private readonly byte[][] _datagrams = new byte[Packets][];
    private RtpEngine _engine = null!;
    private PacketMeta _meta;
    private long _round;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < Packets; i++)
        {
            var b = new byte[172];
            b[0] = 0x80;
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)i);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), (uint)i * 160);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), 0x1234abcd);
            _datagrams[i] = b;
        }
        _meta = new PacketMeta
        {
            SourceIp = NetAddress.Parse("10.0.0.1"), SourcePort = 40000,
            DestinationIp = NetAddress.Parse("10.0.0.2"), DestinationPort = 50000,
        };
        _engine = new RtpEngine();
        Run(); // confirm the stream
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Packets)]
    public int ParseHeaderOnly()
    {
        int sum = 0;
        foreach (var d in _datagrams)
        {
            if (RtpHeader.TryParse(d, out var h))
                sum += h.SequenceNumber;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Packets)]
    public int EngineKnownStream() => Run();

    private int Run()
    {
        int taken = 0;
        // Each round continues the stream 200 s later so that sequence numbers wrap as in a long call.
        long baseNs = _round++ * 200_000_000_000L;
        for (int i = 0; i < Packets; i++)
        {
            _meta.Frame = i;
            _meta.TimestampNs = baseNs + i * 20_000_000L + (i & 7) * 100_000;
            if (_engine.OnUdp(_meta, _datagrams[i]))
                taken++;
        }
        return taken;
    }
}
