using System.Text;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// Writes hand-made TCP segments of one connection (client 10.0.0.1:40000 → server 10.0.0.2:5060) into a
/// <see cref="TcpReassembler"/> and records what comes out: (frame, message text) pairs.
/// </summary>
internal sealed class TcpTestConnection : ISipMessageSink
{
    public const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Ack = 0x10;

    private long _frame;
    public TcpReassembler Reassembler { get; }
    public List<(long Frame, string Text)> Messages { get; } = new();
    public TcpReassemblyCounters Counters => Reassembler.Counters;
    public long NowNs { get; set; } = 1_000_000_000;
    public ushort ClientPort { get; set; } = 40000;
    public ushort ServerPort { get; set; } = 5060;
    /// <summary>The capture interface the next segments are seen on (a router capturing on two legs).</summary>
    public int InterfaceId { get; set; }
    /// <summary>What the reassembler said of the last segment: false when it lay outside any window.</summary>
    public bool LastInWindow { get; private set; }

    public TcpTestConnection(TcpReassemblyLimits? limits = null, TcpBufferBudget? budget = null) =>
        Reassembler = new TcpReassembler(limits, budget);

    /// <summary>Sends from the client (or the server) at <paramref name="sequence"/>; returns the frame number used.</summary>
    public long Send(uint sequence, ReadOnlySpan<byte> payload, byte flags = Ack, bool fromServer = false)
    {
        _frame++;
        var frame = new DecodedFrame
        {
            Layers = FrameLayers.Ipv4 | FrameLayers.Tcp,
            SourceIp = NetAddress.FromV4(fromServer ? 0x0A000002u : 0x0A000001u),
            DestinationIp = NetAddress.FromV4(fromServer ? 0x0A000001u : 0x0A000002u),
            SourcePort = fromServer ? ServerPort : ClientPort,
            DestinationPort = fromServer ? ClientPort : ServerPort,
            TcpSequence = sequence,
            TcpFlags = flags,
            PayloadLength = payload.Length,
        };
        var meta = new PacketMeta
        {
            Frame = _frame,
            TimestampNs = NowNs,
            InterfaceId = InterfaceId,
            SourceIp = frame.SourceIp,
            DestinationIp = frame.DestinationIp,
            SourcePort = frame.SourcePort,
            DestinationPort = frame.DestinationPort,
            Transport = Transport.Tcp,
        };
        LastInWindow = Reassembler.OnSegment(meta, frame, payload, this);
        return _frame;
    }

    public long Send(uint sequence, string text, byte flags = Ack, bool fromServer = false) =>
        Send(sequence, Encoding.Latin1.GetBytes(text), flags, fromServer);

    public void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message) =>
        Messages.Add((meta.Frame, Encoding.Latin1.GetString(message)));

    /// <summary>Per message in <see cref="Messages"/>, the frame that carried its first byte.</summary>
    public List<long> FirstFrames { get; } = new();

    public void OnSipMessage(in PacketMeta meta, long firstFrame, ReadOnlySpan<byte> message)
    {
        FirstFrames.Add(firstFrame);
        OnSipMessage(meta, message);
    }

    /// <summary>A small SIP request with the given CSeq number and an optional body (CRLF line ends).</summary>
    public static string Request(int cseq, string body = "") =>
        $"OPTIONS sip:pbx.example.com SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:40000;branch=z9hG4bK{cseq}\r\n" +
        $"Call-ID: call-{cseq}\r\nCSeq: {cseq} OPTIONS\r\nContent-Length: {Encoding.Latin1.GetByteCount(body)}\r\n\r\n{body}";
}
