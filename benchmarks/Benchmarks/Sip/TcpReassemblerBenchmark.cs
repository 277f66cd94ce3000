using System.Text;
using BenchmarkDotNet.Attributes;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Benchmarks.Sip;

/// <summary>
/// Cost of framing SIP out of a known TCP connection: a message per segment (baseline, handed out without
/// a copy) versus a message over three segments (buffered in the pooled stream buffer). Both allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class TcpReassemblerBenchmark : ISipMessageSink
{
    private const int Messages = 1_000;
    private static readonly byte[] Message = Encoding.ASCII.GetBytes(
        "OPTIONS sip:pbx SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:40000;branch=z9hG4bK1\r\nCall-ID: c\r\n" +
        "CSeq: 1 OPTIONS\r\nContent-Length: 200\r\n\r\n" + new string('x', 200));
    private TcpReassembler _reassembler = null!;
    private DecodedFrame _frame;
    private PacketMeta _meta;
    private uint _sequence;
    private int _delivered;

    public void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message) => _delivered++;

    [GlobalSetup]
    public void Setup()
    {
        _reassembler = new TcpReassembler();
        _frame = new DecodedFrame
        {
            Layers = FrameLayers.Ipv4 | FrameLayers.Tcp,
            SourceIp = NetAddress.Parse("10.0.0.1"), SourcePort = 40000,
            DestinationIp = NetAddress.Parse("10.0.0.2"), DestinationPort = 5060,
            TcpFlags = 0x10,
        };
        _meta = new PacketMeta { Transport = Transport.Tcp };
        _sequence = 1;
        WholeMessages();
        SplitMessages();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public int WholeMessages()
    {
        for (int i = 0; i < Messages; i++) Send(Message);
        return _delivered;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int SplitMessages()
    {
        for (int i = 0; i < Messages; i++)
        {
            Send(Message.AsSpan(0, 60));
            Send(Message.AsSpan(60, 100));
            Send(Message.AsSpan(160));
        }
        return _delivered;
    }

    private void Send(ReadOnlySpan<byte> payload)
    {
        _frame.TcpSequence = _sequence;
        _reassembler.OnSegment(_meta, _frame, payload, this);
        _sequence += (uint)payload.Length;
    }
}
