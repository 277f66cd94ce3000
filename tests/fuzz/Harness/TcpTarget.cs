using System.Buffers.Binary;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Fuzz;

/// <summary>
/// The TCP reassembly target: the connection table (slots, index, idle list, eviction), the streams (sequence
/// window, out-of-order store, gaps) and the SIP framer, driven by hostile segment sequences. Small limits make
/// every cap bite within a short input.
/// </summary>
public static class TcpTarget
{
    /// <summary>Bytes before each segment's payload: control, sequence, payload length.</summary>
    public const int SegmentHeaderBytes = 7;

    /// <summary>Control-byte bits beside the TCP flags (FIN 0x01, SYN 0x02, RST 0x04).</summary>
    public const byte FromServer = 0x08, TlsPort = 0x80;

    private static readonly TcpReassemblyLimits Limits = new()
    {
        MaxConnections = 4,
        IdleTimeoutNs = 5_000_000_000,
        MaxOutOfOrderBytes = 512,
        MaxOutOfOrderSegments = 4,
        MaxMessageBytes = 2048,
        MaxHuntBytes = 1024,
    };

    /// <summary>
    /// The input is a run of segments, each: a control byte (bits 0–2 the FIN, SYN and RST flags, bit 3 server to
    /// client, bits 4–6 one of 8 client ports, bit 7 server port 5061 instead of 5060), a 32-bit big-endian sequence
    /// number, a 16-bit big-endian payload length (cut to what is left), the payload; one second apart. After the
    /// last, the capture ends: every connection is released and the shared budget must be whole again.
    /// </summary>
    public static void Tcp(byte[] input)
    {
        var budget = new TcpBufferBudget(4096);
        var reassembler = new TcpReassembler(Limits, budget);
        var sink = new CheckingSink();
        var client = NetAddress.FromV4(0x0A000001);
        var server = NetAddress.FromV4(0x0A000002);
        var meta = new PacketMeta { Transport = Transport.Tcp };
        ReadOnlySpan<byte> rest = input;
        while (rest.Length >= SegmentHeaderBytes)
        {
            byte control = rest[0];
            uint sequence = BinaryPrimitives.ReadUInt32BigEndian(rest[1..]);
            int length = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(rest[5..]), rest.Length - SegmentHeaderBytes);
            var payload = rest.Slice(SegmentHeaderBytes, length);
            rest = rest[(SegmentHeaderBytes + length)..];

            ushort clientPort = (ushort)(40000 + ((control >> 4) & 7));
            ushort serverPort = (control & TlsPort) != 0 ? (ushort)5061 : (ushort)5060;
            bool fromServer = (control & FromServer) != 0;
            var frame = new DecodedFrame
            {
                Layers = FrameLayers.Ipv4 | FrameLayers.Tcp,
                SourceIp = fromServer ? server : client,
                DestinationIp = fromServer ? client : server,
                SourcePort = fromServer ? serverPort : clientPort,
                DestinationPort = fromServer ? clientPort : serverPort,
                TcpFlags = (byte)((control & 0x07) | 0x10),
                TcpSequence = sequence,
            };
            meta.Frame++;
            meta.TimestampNs += 1_000_000_000;
            reassembler.OnSegment(meta, frame, payload, sink);
            if (reassembler.ConnectionCount > Limits.MaxConnections)
                throw new InvalidOperationException($"{reassembler.ConnectionCount} connections tracked, limit {Limits.MaxConnections}");
            if (budget.UsedBytes < 0 || budget.UsedBytes > budget.MaxBytes)
                throw new InvalidOperationException($"budget holds {budget.UsedBytes} of {budget.MaxBytes} bytes");
        }
        reassembler.Complete();
        if (reassembler.ConnectionCount != 0 || budget.Connections != 0 || budget.UsedBytes != 0)
            throw new InvalidOperationException(
                $"after the end: {reassembler.ConnectionCount} connections, {budget.Connections} counted, {budget.UsedBytes} budget bytes held");
    }

    /// <summary>Every message handed out begins with a SIP start line.</summary>
    private sealed class CheckingSink : ISipMessageSink
    {
        public void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message)
        {
            var kind = SipDetector.Classify(message);
            if (kind is SipStartLineKind.NotSip or SipStartLineKind.Incomplete)
                throw new InvalidOperationException($"a {message.Length}-byte message that is no start line ({kind})");
        }
    }
}
