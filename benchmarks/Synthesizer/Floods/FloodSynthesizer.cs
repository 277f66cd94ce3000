using System.Buffers.Binary;
using PcapSipAnalyzer.Synthesizer.Output;
using PcapSipAnalyzer.Synthesizer.Simulation;
using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;
using static PcapSipAnalyzer.Synthesizer.Simulation.TrafficProfile;

namespace PcapSipAnalyzer.Synthesizer;

/// <summary>
/// Hostile captures for the bounded-state tests (issue 9 §3): each grows some table of an analyzer without
/// bound unless it evicts. They are valid captures of invalid or abusive traffic.
/// </summary>
public sealed partial class FloodSynthesizer
{
    private const int SegmentLength = 1448;
    private const long DefaultEndlessBytes = 200_000_000;

    private readonly SynthesisOptions _options;
    private readonly SeededRandom _random;
    private readonly Host _pbx;
    private readonly AsciiText _text = new();
    private CaptureFileWriter _writer = null!;
    private GroundTruth _truth = null!;
    private long _now = CaptureStart;

    public FloodSynthesizer(SynthesisOptions options)
    {
        _options = options;
        _random = new SeededRandom(options.Seed);
        _pbx = new Host(Host.Ipv4(10, 10, 0, 10), 0x00_04_0d_ff_00_0aUL, 0x00_04_0d_ff_00_0aUL, 64, 1);
    }

    public GroundTruth Write(CaptureFileWriter writer)
    {
        _writer = writer;
        _truth = new GroundTruth { Seed = _options.Seed };
        _truth.Flood = _options.Flood switch
        {
            FloodKind.CallIds => CallIds(),
            FloodKind.UdpFlows => UdpFlows(),
            FloodKind.TcpEndless => TcpEndless(),
            FloodKind.Fragments => Fragments(),
            FloodKind.RegisterScan => new RegisterScan(_options, _random, _pbx).Write(writer, _truth),
            FloodKind.TinySegments => TinySegments(),
            FloodKind.CollidingConnections => CollidingConnections(),
            FloodKind.InDialogAcks => InDialogAcks(),
            FloodKind.ForkedRinging => ForkedRinging(),
            FloodKind.HugeRecord => HugeRecord(),
            FloodKind.DialogRequests => DialogRequests(1),
            FloodKind.DialogMedia => DialogRequests(64),
            FloodKind.RegisterRefreshes => RegisterRefreshes(),
            FloodKind.RegisterContacts => RegisterContacts(),
            FloodKind.InviteMedia => InviteMedia(),
            FloodKind.InterfaceCallIds => InterfaceCallIds(),
            FloodKind.TcpHalfMessages => TcpHalfMessages(),
            FloodKind.TcpTinySegments => TcpTinySegments(),
            FloodKind.RtpSsrcs => RtpSsrcs(),
            FloodKind.PasswordGuessing => PasswordGuessing(),
            FloodKind.DistributedGuessing => DistributedGuessing(),
            FloodKind.PasswordSpraying => PasswordSpraying(),
            FloodKind.LinesRefused => LinesRefused(),
            FloodKind.SprayFromOneAddress => SprayFromOneAddress(),
            FloodKind.GatewayLinesRefused => GatewayLinesRefused(),
            FloodKind.ExtensionEnumeration => ExtensionEnumeration(),
            FloodKind.RegisterSweep => RegisterSweep(),
            FloodKind.TollFraud => TollFraud(),
            FloodKind.TrunkRefused => TrunkRefused(),
            _ => HugeHeader(),
        };
        return _truth;
    }

    /// <summary>Unanswered INVITEs, each with its own Call-ID, from 65 536 sources in 10.30.0.0/16.</summary>
    private FloodTruth CallIds()
    {
        long count = _options.FloodCount;
        for (long i = 0; i < count; i++)
        {
            var source = Source(30, i);
            var t = _text.Clear();
            t.Line("INVITE sip:1000@pbx.example.com SIP/2.0");
            t.Append("Via: SIP/2.0/UDP ").Append(source.Address).Append(":5060;branch=z9hG4bK").AppendHex(_random.NextULong(), 16).Crlf();
            t.Line("Max-Forwards: 70");
            t.Append("From: <sip:scanner@").Append(source.Address).Append(">;tag=").AppendHex(_random.NextULong(), 8).Crlf();
            t.Line("To: <sip:1000@pbx.example.com>");
            t.Append("Call-ID: flood-").AppendHex((ulong)i, 8).Append("@").Append(source.Address).Crlf();
            t.Line("CSeq: 1 INVITE");
            t.Append("Contact: <sip:scanner@").Append(source.Address).Line(":5060>");
            t.Line("Content-Length: 0").Crlf();
            t.Span.CopyTo(_writer.FrameSpace(FrameBuilder.UdpPayloadOffset + t.Length)[FrameBuilder.UdpPayloadOffset..]);
            CommitUdp(source, 5060, _pbx, 5060, t.Length);
            _truth.Sip.CountRequest("INVITE", false);
            _truth.Traffic.Sip++;
            _now += 20_000;
        }
        return new FloodTruth { Kind = "call-ids", Distinct = count, Description = "one unanswered INVITE per Call-ID" };
    }

    /// <summary>Two RTP-looking packets per 5-tuple, all first packets before any second, so every flow is live at once.</summary>
    private FloodTruth UdpFlows()
    {
        long count = _options.FloodCount;
        for (int round = 0; round < 2; round++)
        {
            for (long i = 0; i < count; i++)
            {
                var source = Source(40, i);
                var p = _writer.FrameSpace(FrameBuilder.UdpPayloadOffset + 172)[FrameBuilder.UdpPayloadOffset..];
                p[0] = 0x80;
                p[1] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(p[2..], (ushort)(i * 7 + round));
                BinaryPrimitives.WriteUInt32BigEndian(p[4..], (uint)(i * 13 + round * 160));
                BinaryPrimitives.WriteUInt32BigEndian(p[8..], (uint)(i * 2654435761));
                p.Slice(12, 160).Fill(0xFF);
                CommitUdp(source, (ushort)(10000 + 2 * (i >> 16)), _pbx, (ushort)(40000 + 2 * (i % 10000)), 172);
                _truth.Traffic.Flood++;
                _now += 5_000;
            }
        }
        return new FloodTruth { Kind = "udp-flows", Distinct = count, Description = "2 RTP-like packets per distinct UDP 5-tuple" };
    }

    /// <summary>
    /// Up to 256 TCP connections (--count) to port 5060 that never end a message, their segments interleaved:
    /// even ones send endless header lines after a request line, odd ones one endless line.
    /// </summary>
    private FloodTruth TcpEndless()
    {
        int connections = (int)Math.Min(256, _options.FloodCount);
        long target = _options.TargetBytes ?? DefaultEndlessBytes;
        var streams = new TcpFloodStream[connections];
        for (int c = 0; c < connections; c++)
        {
            string prefix = c % 2 == 0 ? "INVITE sip:1000@pbx.example.com SIP/2.0\r\n" : "OPTIONS sip:pbx.example.com SIP/2.0\r\nX-Endless: ";
            string unit = c % 2 == 0 ? "X-Filler: " + new string('a', 52) + "\r\n" : new string('b', 64);
            streams[c] = new TcpFloodStream(Source(60, c), (ushort)(40000 + c), _random.NextUInt(), _random.NextUInt(), prefix, unit);
            Handshake(streams[c]);
        }
        long perStream = 0;
        while (_writer.FileBytes < target)
        {
            foreach (var s in streams) Data(s, SegmentLength);
            perStream += SegmentLength;
        }
        return new FloodTruth { Kind = "tcp-endless", Distinct = connections, Bytes = perStream, Description = "TCP streams to 5060 without a message end" };
    }

    /// <summary>
    /// Datagrams that never reassemble: a first fragment (UDP header + the start of an INVITE) or a middle
    /// fragment, each with its own (source, id) and never a last fragment.
    /// </summary>
    private FloodTruth Fragments()
    {
        long count = _options.FloodCount;
        var start = System.Text.Encoding.ASCII.GetBytes("INVITE sip:1000@pbx.example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.50.0.1:5060;branch=z9hG4bKfrag\r\nX-Pad: ");
        for (long i = 0; i < count; i++)
        {
            var source = Source(50, i);
            bool first = i % 2 == 0;
            const int FragmentPayload = 200;
            var frame = _writer.FrameSpace(14 + 20 + FragmentPayload);
            var payload = frame.Slice(34, FragmentPayload);
            if (first)
            {
                BinaryPrimitives.WriteUInt16BigEndian(payload, 5060);
                BinaryPrimitives.WriteUInt16BigEndian(payload[2..], 5060);
                BinaryPrimitives.WriteUInt16BigEndian(payload[4..], 1208);
                BinaryPrimitives.WriteUInt16BigEndian(payload[6..], 0);
                start.CopyTo(payload[8..]);
                payload[(8 + start.Length)..].Fill((byte)'x');
            }
            else payload.Fill((byte)'y');
            FrameBuilder.WriteEthernet(frame, _pbx.LinkMac, source.LinkMac, 0x0800);
            ushort flags = (ushort)(0x2000 | (first ? 0 : 25));
            FrameBuilder.WriteIpv4(frame[14..], source.Ip, _pbx.Ip, 17, 20 + FragmentPayload, (ushort)(i >> 16), flags, source.Ttl);
            Commit(14 + 20 + FragmentPayload);
            _truth.Traffic.Flood++;
            _now += 10_000;
        }
        return new FloodTruth { Kind = "fragments", Distinct = count, Description = "IPv4 fragments (first or middle, MF set) of datagrams that never complete" };
    }

    /// <summary>One INVITE over TCP whose X-Huge header is <see cref="SynthesisOptions.HeaderBytes"/> long, then a normal OPTIONS.</summary>
    private FloodTruth HugeHeader()
    {
        const string Head = "INVITE sip:1000@pbx.example.com SIP/2.0\r\nVia: SIP/2.0/TCP 10.60.0.1:40000;branch=z9hG4bKhuge\r\n" +
            "From: <sip:big@10.60.0.1>;tag=1\r\nTo: <sip:1000@pbx.example.com>\r\nCall-ID: huge-header@10.60.0.1\r\nCSeq: 1 INVITE\r\nX-Huge: ";
        const string Tail = "\r\nContent-Length: 0\r\n\r\n" +
            "OPTIONS sip:pbx.example.com SIP/2.0\r\nVia: SIP/2.0/TCP 10.60.0.1:40000;branch=z9hG4bKafter\r\n" +
            "From: <sip:big@10.60.0.1>;tag=2\r\nTo: <sip:pbx.example.com>\r\nCall-ID: after-huge@10.60.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        var s = new TcpFloodStream(Source(60, 0), 40000, _random.NextUInt(), _random.NextUInt(), Head, "h", _options.HeaderBytes, Tail);
        Handshake(s);
        while (s.Remaining > 0) Data(s, (int)Math.Min(SegmentLength, s.Remaining));
        Segment(s, true, FrameBuilder.TcpFin | FrameBuilder.TcpAck, 0);
        _truth.Sip.CountRequest("INVITE", false);
        _truth.Sip.CountRequest("OPTIONS", false);
        return new FloodTruth { Kind = "huge-header", Distinct = 1, Bytes = _options.HeaderBytes, Description = "INVITE over TCP with one huge header, then an OPTIONS" };
    }

    private void Handshake(TcpFloodStream s)
    {
        Segment(s, true, FrameBuilder.TcpSyn, 0);
        s.ClientSequence++;
        Segment(s, false, FrameBuilder.TcpSyn | FrameBuilder.TcpAck, 0);
        s.ServerSequence++;
        Segment(s, true, FrameBuilder.TcpAck, 0);
    }

    private void Data(TcpFloodStream s, int length)
    {
        var frame = _writer.FrameSpace(FrameBuilder.TcpPayloadOffset + length);
        s.Fill(frame.Slice(FrameBuilder.TcpPayloadOffset, length));
        Commit(FrameBuilder.FinishTcp(frame, s.Client, s.ClientPort, _pbx, 5060, s.ClientSequence, s.ServerSequence,
            FrameBuilder.TcpAck | FrameBuilder.TcpPsh, length));
        s.ClientSequence += (uint)length;
        if (++s.Unacknowledged == 4)
        {
            Segment(s, false, FrameBuilder.TcpAck, 0);
            s.Unacknowledged = 0;
        }
    }

    private void Segment(TcpFloodStream s, bool fromClient, byte flags, int length)
    {
        var frame = _writer.FrameSpace(FrameBuilder.TcpPayloadOffset + length);
        int frameLength = fromClient
            ? FrameBuilder.FinishTcp(frame, s.Client, s.ClientPort, _pbx, 5060, s.ClientSequence, s.ServerSequence, flags, length)
            : FrameBuilder.FinishTcp(frame, _pbx, 5060, s.Client, s.ClientPort, s.ServerSequence, s.ClientSequence, flags, length);
        Commit(frameLength);
    }

    /// <summary>A distinct source host per index: 65 536 addresses in 10.<paramref name="net"/>.0.0/16, then reused.</summary>
    private static Host Source(int net, long index)
    {
        ulong mac = 0x02_00_00_00_00_00UL | ((ulong)net << 24) | ((ulong)index & 0xFFFF);
        return new Host(Host.Ipv4(10, net, (int)(index >> 8) & 255, (int)index & 255), mac, mac, 64, (ushort)(index >> 16));
    }

    private void CommitUdp(Host source, ushort sourcePort, Host destination, ushort destinationPort, int length)
    {
        var frame = _writer.FrameSpace(FrameBuilder.UdpPayloadOffset + length);
        Commit(FrameBuilder.FinishUdp(frame, source, sourcePort, destination, destinationPort, length));
    }

    private void Commit(int frameLength)
    {
        _writer.Commit(_now, frameLength);
        _now += 1_000;
    }
}
