using System.Buffers.Binary;
using PcapSipAnalyzer.Synthesizer.Simulation;
using PcapSipAnalyzer.Synthesizer.Wire;
using static PcapSipAnalyzer.Synthesizer.Simulation.TrafficProfile;

namespace PcapSipAnalyzer.Synthesizer.Background;

/// <summary>
/// The traffic a real capture has around the VoIP: HTTPS downloads from PCs (TCP with TLS records), DNS
/// queries and answers, and the PBX ARPing for both routers. TCP is paced to stay near 20 % of the bytes.
/// </summary>
public sealed class UnrelatedTraffic
{
    private const int SegmentLength = 1448;
    private const int TlsHeader = 5;
    private const int StepSyn = 0, StepSynAck = 1, StepAck = 2, StepRequest = 3, StepData = 4, StepClientAck = 5,
        StepServerFin = 6, StepClientFin = 7, StepLastAck = 8;

    private static readonly string[] Names =
    [
        "pbx.example.com", "time.example.com", "update.example.net", "www.example.org", "mail.example.com",
        "api.example.net", "cdn.example.net", "ntp.example.org", "login.example.com", "files.example.org",
    ];

    private readonly TrafficSimulation _sim;
    private readonly OfficeNetwork _network;
    private readonly byte[] _random = new byte[4096];
    private readonly List<TcpFlow> _flows = [];
    private readonly Stack<int> _freeFlows = new();
    private readonly (Host Client, ushort Port, ushort Id, int Name)[] _pendingDns = new (Host, ushort, ushort, int)[256];
    private int _nextDns;
    private long _committedBytes;
    private readonly long _meanDnsInterval;

    public UnrelatedTraffic(TrafficSimulation simulation, OfficeNetwork network)
    {
        _sim = simulation;
        _network = network;
        simulation.Random.NextBytes(_random);
        _meanDnsInterval = Second / (5 + network.Phones.Length / 50);
    }

    public void Start()
    {
        _sim.Schedule(CaptureStart, EventKind.ArpRequest, 0);
        _sim.Schedule(CaptureStart + 3 * Millisecond, EventKind.DnsQuery, 0);
        _sim.Schedule(CaptureStart + 7 * Millisecond, EventKind.TcpPacer, 0);
    }

    public void Handle(SimEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.ArpRequest: ArpRequest(e.Id); break;
            case EventKind.ArpReply: ArpReply(e.Id); break;
            case EventKind.DnsQuery: DnsQuery(); break;
            case EventKind.DnsAnswer: DnsAnswer(e.Id); break;
            case EventKind.TcpPacer: Pace(); break;
            case EventKind.TcpStep: TcpStep(e.Id, e.Arg); break;
        }
    }

    private void ArpRequest(int router)
    {
        if (_sim.Draining) return;
        var target = router == 0 ? _network.Router1 : _network.Router2;
        var pbx = _network.Pbx;
        var frame = _sim.Writer.FrameSpace(60);
        Commit(FrameBuilder.WriteArp(frame, false, pbx.Mac, pbx.Ip, 0, target.Ip, padded: false));
        _sim.Truth.Traffic.Arp++;
        _sim.Schedule(_sim.Now + _sim.Random.NextLong(100_000, 900_000), EventKind.ArpReply, router);
        if (router == 0)
        {
            _sim.Schedule(_sim.Now + 2 * Millisecond, EventKind.ArpRequest, 1);
            _sim.Schedule(_sim.Now + ArpInterval, EventKind.ArpRequest, 0);
        }
    }

    private void ArpReply(int router)
    {
        var sender = router == 0 ? _network.Router1 : _network.Router2;
        var pbx = _network.Pbx;
        var frame = _sim.Writer.FrameSpace(60);
        Commit(FrameBuilder.WriteArp(frame, true, sender.Mac, sender.Ip, pbx.Mac, pbx.Ip, padded: true));
        _sim.Truth.Traffic.Arp++;
    }

    private void DnsQuery()
    {
        if (_sim.Draining) return;
        var r = _sim.Random;
        var client = r.Chance(0.5) ? _network.Phones[r.Next(_network.Phones.Length)].Host : _network.Pcs[r.Next(_network.Pcs.Length)];
        int slot = _nextDns++ % _pendingDns.Length;
        _pendingDns[slot] = (client, (ushort)r.Next(32768, 61000), (ushort)r.Next(65536), r.Next(Names.Length));
        var p = _sim.UdpPayloadSpace(512);
        int length = WriteDns(p, slot, answer: false);
        _sim.CommitUdp(client, _pendingDns[slot].Port, _network.DnsServer, 53, length, false);
        _sim.Truth.Traffic.Dns++;
        _sim.Schedule(_sim.Now + r.NextLong(200_000, 20 * Millisecond), EventKind.DnsAnswer, slot);
        _sim.Schedule(_sim.Now + 1000 + r.NextExponential(_meanDnsInterval), EventKind.DnsQuery, 0);
    }

    private void DnsAnswer(int slot)
    {
        var p = _sim.UdpPayloadSpace(512);
        int length = WriteDns(p, slot, answer: true);
        var q = _pendingDns[slot];
        _sim.CommitUdp(_network.DnsServer, 53, q.Client, q.Port, length, false);
        _sim.Truth.Traffic.Dns++;
    }

    /// <summary>A standard query for an A record, or its answer with one address.</summary>
    private int WriteDns(Span<byte> p, int slot, bool answer)
    {
        var q = _pendingDns[slot];
        BinaryPrimitives.WriteUInt16BigEndian(p, q.Id);
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], (ushort)(answer ? 0x8180 : 0x0100));
        BinaryPrimitives.WriteUInt16BigEndian(p[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(p[6..], (ushort)(answer ? 1 : 0));
        BinaryPrimitives.WriteUInt32BigEndian(p[8..], 0);
        int at = 12;
        foreach (var label in Names[q.Name].Split('.'))
        {
            p[at++] = (byte)label.Length;
            at += System.Text.Encoding.ASCII.GetBytes(label, p[at..]);
        }
        p[at++] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(p[at..], 0x0001_0001);
        at += 4;
        if (!answer) return at;
        BinaryPrimitives.WriteUInt16BigEndian(p[at..], 0xC00C);
        BinaryPrimitives.WriteUInt32BigEndian(p[(at + 2)..], 0x0001_0001);
        BinaryPrimitives.WriteUInt32BigEndian(p[(at + 6)..], 300);
        BinaryPrimitives.WriteUInt16BigEndian(p[(at + 10)..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(p[(at + 12)..], q.Name == 0 ? _network.Pbx.Ip : _network.Servers[q.Name].Ip);
        return at + 16;
    }

    /// <summary>Starts downloads while unrelated bytes (written + promised) lag a quarter of the VoIP bytes.</summary>
    private void Pace()
    {
        if (_sim.Draining) return;
        var traffic = _sim.Truth.Traffic;
        while (traffic.UnrelatedBytes + _committedBytes < traffic.VoipBytes * UnrelatedPerVoipByte + 20_000)
            StartFlow();
        _sim.Schedule(_sim.Now + 50 * Millisecond, EventKind.TcpPacer, 0);
    }

    private void StartFlow()
    {
        var r = _sim.Random;
        int id = _freeFlows.Count > 0 ? _freeFlows.Pop() : AddFlow();
        var f = _flows[id];
        f.InUse = true;
        f.Client = _network.Pcs[r.Next(_network.Pcs.Length)];
        f.Server = _network.Servers[r.Next(_network.Servers.Length)];
        f.ClientPort = (ushort)r.Next(49152, 65535);
        f.ClientSequence = r.NextUInt();
        f.ServerSequence = r.NextUInt();
        f.SegmentsLeft = r.Next(8, 400);
        f.SegmentsUnacknowledged = 0;
        f.RoundTrip = r.NextLong(5 * Millisecond, 60 * Millisecond);
        _committedBytes += (long)f.SegmentsLeft * (FrameBuilder.TcpPayloadOffset + SegmentLength);
        _sim.Truth.Traffic.TcpFlows++;
        _sim.Schedule(_sim.Now + r.NextLong(0, 50 * Millisecond), EventKind.TcpStep, id, StepSyn);
    }

    private int AddFlow()
    {
        _flows.Add(new TcpFlow());
        return _flows.Count - 1;
    }

    private void TcpStep(int id, int step)
    {
        var f = _flows[id];
        var r = _sim.Random;
        const byte Ack = FrameBuilder.TcpAck;
        switch (step)
        {
            case StepSyn:
                Segment(f, true, FrameBuilder.TcpSyn, 0);
                f.ClientSequence++;
                Next(id, StepSynAck, f.RoundTrip);
                break;
            case StepSynAck:
                Segment(f, false, FrameBuilder.TcpSyn | Ack, 0);
                f.ServerSequence++;
                Next(id, StepAck, 60_000);
                break;
            case StepAck:
                Segment(f, true, Ack, 0);
                Next(id, StepRequest, 30_000);
                break;
            case StepRequest:
                f.ClientSequence += (uint)Segment(f, true, FrameBuilder.TcpPsh | Ack, r.Next(200, 700));
                Next(id, StepData, f.RoundTrip);
                break;
            case StepData:
                f.ServerSequence += (uint)Segment(f, false, f.SegmentsLeft == 1 ? (byte)(FrameBuilder.TcpPsh | Ack) : Ack, SegmentLength);
                _committedBytes -= FrameBuilder.TcpPayloadOffset + SegmentLength;
                f.SegmentsLeft--;
                if (++f.SegmentsUnacknowledged == 2 || f.SegmentsLeft == 0) Next(id, StepClientAck, r.NextLong(20_000, 200_000));
                else Next(id, StepData, r.NextLong(50_000, 300_000));
                break;
            case StepClientAck:
                Segment(f, true, Ack, 0);
                f.SegmentsUnacknowledged = 0;
                Next(id, f.SegmentsLeft > 0 ? StepData : StepServerFin, r.NextLong(50_000, 300_000));
                break;
            case StepServerFin:
                Segment(f, false, FrameBuilder.TcpFin | Ack, 0);
                f.ServerSequence++;
                Next(id, StepClientFin, f.RoundTrip);
                break;
            case StepClientFin:
                Segment(f, true, FrameBuilder.TcpFin | Ack, 0);
                f.ClientSequence++;
                Next(id, StepLastAck, f.RoundTrip);
                break;
            case StepLastAck:
                Segment(f, false, Ack, 0);
                f.InUse = false;
                _freeFlows.Push(id);
                break;
        }
    }

    /// <summary>Writes one segment; a payload is one TLS application-data record.</summary>
    private int Segment(TcpFlow f, bool fromClient, byte flags, int payloadLength)
    {
        var frame = _sim.Writer.FrameSpace(FrameBuilder.TcpPayloadOffset + SegmentLength);
        if (payloadLength > 0)
        {
            var payload = frame[FrameBuilder.TcpPayloadOffset..];
            payload[0] = 0x17;
            payload[1] = 3;
            payload[2] = 3;
            BinaryPrimitives.WriteUInt16BigEndian(payload[3..], (ushort)(payloadLength - TlsHeader));
            int offset = _sim.Random.Next(_random.Length - SegmentLength);
            _random.AsSpan(offset, payloadLength - TlsHeader).CopyTo(payload[TlsHeader..]);
        }
        var (source, sourcePort, destination, destinationPort, seq, ack) = fromClient
            ? (f.Client, f.ClientPort, f.Server, (ushort)443, f.ClientSequence, f.ServerSequence)
            : (f.Server, (ushort)443, f.Client, f.ClientPort, f.ServerSequence, f.ClientSequence);
        Commit(FrameBuilder.FinishTcp(frame, source, sourcePort, destination, destinationPort, seq, ack, flags, payloadLength));
        _sim.Truth.Traffic.Tcp++;
        return payloadLength;
    }

    private void Next(int id, int step, long delay) => _sim.Schedule(_sim.Now + delay, EventKind.TcpStep, id, step);

    private void Commit(int length)
    {
        _sim.Writer.Commit(_sim.Now, length);
        _sim.Truth.Traffic.UnrelatedBytes += length;
    }
}
