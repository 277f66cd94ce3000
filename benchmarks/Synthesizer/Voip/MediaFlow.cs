using System.Buffers.Binary;
using System.Text;
using PcapSipAnalyzer.Synthesizer.Simulation;
using PcapSipAnalyzer.Synthesizer.Truth;
using static PcapSipAnalyzer.Synthesizer.Simulation.TrafficProfile;

namespace PcapSipAnalyzer.Synthesizer.Voip;

/// <summary>
/// G.711 RTP every 20 ms per direction with per-stream random loss and arrival jitter (below 20 ms so packets
/// never reorder), and an RTCP sender report with SDES CNAME every 5 s. This is where most bytes come from,
/// so a packet is built straight into the output buffer.
/// </summary>
public sealed class MediaFlow
{
    private const int RtpHeaderLength = 12;
    private const int PayloadVariants = 64;
    private const long NtpEpochOffset = 2_208_988_800;

    private readonly TrafficSimulation _sim;
    private readonly List<RtpStream> _streams = [];
    private readonly byte[] _payloads;

    public MediaFlow(TrafficSimulation simulation)
    {
        _sim = simulation;
        _payloads = new byte[PayloadVariants * RtpPayloadLength];
        // Quiet speech in G.711: values near the code for zero with a little noise.
        for (int i = 0; i < _payloads.Length; i++)
        {
            int code = i / RtpPayloadLength % 2 == 0 ? 0xF0 : 0x70;
            _payloads[i] = (byte)(code | (int)(simulation.Random.NextULong() >> 60));
        }
    }

    /// <summary>Creates and schedules both directions of a call's media once it is acknowledged.</summary>
    public (RtpStream ToUas, RtpStream ToUac) StartCall(Call call)
    {
        var toUas = Create(call, call.Uac, call.UacMediaPort, call.Uas, call.UasMediaPort);
        var toUac = Create(call, call.Uas, call.UasMediaPort, call.Uac, call.UacMediaPort);
        toUas.Reverse = toUac;
        toUac.Reverse = toUas;
        return (toUas, toUac);
    }

    public void Handle(SimEvent e)
    {
        var s = _streams[e.Id];
        if (!s.Active) return;
        long now = _sim.Now;
        if (now >= s.NextRtcp)
        {
            SendReport(s);
            s.NextRtcp += RtcpInterval;
        }
        long index = s.NextIndex++;
        if (s.LossRate == 0 || !_sim.Random.Chance(s.LossRate)) SendPacket(s, index);
        long jitter = s.MaxJitter == 0 ? 0 : _sim.Random.NextLong(0, s.MaxJitter);
        _sim.Schedule(s.StartTime + (index + 1) * RtpInterval + jitter, EventKind.RtpPacket, e.Id);
    }

    /// <summary>Records packets/expected/lost of every stream that reached the file.</summary>
    public void Finish()
    {
        foreach (var s in _streams)
        {
            if (s.Packets == 0) continue;
            s.Truth.Packets = s.Packets;
            s.Truth.Expected = s.LastWritten - s.FirstWritten + 1;
            s.Truth.Lost = s.Truth.Expected - s.Packets;
            _sim.Truth.RtpStreams.Add(s.Truth);
        }
    }

    private RtpStream Create(Call call, Wire.Host source, ushort sourcePort, Wire.Host destination, ushort destinationPort)
    {
        var r = _sim.Random;
        var truth = new RtpStreamTruth
        {
            Source = source.Address,
            SourcePort = sourcePort,
            Destination = destination.Address,
            DestinationPort = destinationPort,
            Ssrc = r.NextUInt(),
            PayloadType = call.PayloadType,
            CallId = call.CallId,
        };
        var s = new RtpStream(source, sourcePort, destination, destinationPort, truth.Ssrc, call.PayloadType, truth)
        {
            StartTime = _sim.Now + r.NextLong(10 * Millisecond, 40 * Millisecond),
            FirstSequence = (ushort)r.Next(65536),
            FirstTimestamp = r.NextUInt(),
            LossRate = r.Chance(0.4) ? 0.001 + r.NextDouble() * 0.029 : 0,
            MaxJitter = r.NextLong(0, 8 * Millisecond),
            PayloadVariant = r.Next(PayloadVariants),
        };
        s.NextRtcp = s.StartTime + r.NextLong(Second, RtcpInterval);
        _sim.Schedule(s.StartTime, EventKind.RtpPacket, _streams.Count);
        _streams.Add(s);
        return s;
    }

    private void SendPacket(RtpStream s, long index)
    {
        var p = _sim.UdpPayloadSpace(RtpHeaderLength + RtpPayloadLength);
        p[0] = 0x80;
        p[1] = (byte)(s.PayloadType | (index == 0 ? 0x80 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], (ushort)(s.FirstSequence + index));
        BinaryPrimitives.WriteUInt32BigEndian(p[4..], (uint)(s.FirstTimestamp + index * RtpPayloadLength));
        BinaryPrimitives.WriteUInt32BigEndian(p[8..], s.Ssrc);
        int variant = (int)((s.PayloadVariant + index) % PayloadVariants);
        _payloads.AsSpan(variant * RtpPayloadLength, RtpPayloadLength).CopyTo(p[RtpHeaderLength..]);
        _sim.CommitUdp(s.Source, s.SourcePort, s.Destination, s.DestinationPort, RtpHeaderLength + RtpPayloadLength, true);
        if (s.FirstWritten < 0) s.FirstWritten = index;
        s.LastWritten = index;
        s.Packets++;
        _sim.Truth.Traffic.Rtp++;
    }

    /// <summary>SR (with one report block on the reverse stream) + SDES CNAME, to the RTCP port (RTP + 1).</summary>
    private void SendReport(RtpStream s)
    {
        var p = _sim.UdpPayloadSpace(128);
        long now = _sim.Now;
        p[0] = 0x81;
        p[1] = 200;
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], 12);
        BinaryPrimitives.WriteUInt32BigEndian(p[4..], s.Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(p[8..], (uint)(now / Second + NtpEpochOffset));
        BinaryPrimitives.WriteUInt32BigEndian(p[12..], (uint)((ulong)(now % Second) * (1UL << 32) / Second));
        long elapsed = Math.Max(0, now - s.StartTime);
        BinaryPrimitives.WriteUInt32BigEndian(p[16..], (uint)(s.FirstTimestamp + elapsed * 8000 / Second));
        BinaryPrimitives.WriteUInt32BigEndian(p[20..], (uint)s.Packets);
        BinaryPrimitives.WriteUInt32BigEndian(p[24..], (uint)(s.Packets * RtpPayloadLength));
        var reverse = s.Reverse!;
        long received = reverse.Packets;
        long expected = reverse.FirstWritten < 0 ? 0 : reverse.LastWritten - reverse.FirstWritten + 1;
        var block = p[28..];
        BinaryPrimitives.WriteUInt32BigEndian(block, reverse.Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(block[4..], (uint)Math.Max(0, expected - received) & 0xFFFFFF);
        BinaryPrimitives.WriteUInt32BigEndian(block[8..], (uint)(reverse.FirstSequence + Math.Max(0, reverse.LastWritten)));
        BinaryPrimitives.WriteUInt32BigEndian(block[12..], (uint)(reverse.MaxJitter * 8000 / Second / 3));
        BinaryPrimitives.WriteUInt32BigEndian(block[16..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(block[20..], 0);

        var sdes = p[52..];
        int cnameLength = Encoding.ASCII.GetBytes(s.Source.Address, sdes[10..]);
        int chunk = 4 + 2 + cnameLength + 1;
        int padded = (chunk + 3) & ~3;
        sdes.Slice(10 + cnameLength, padded - chunk + 1).Clear();
        sdes[0] = 0x81;
        sdes[1] = 202;
        BinaryPrimitives.WriteUInt16BigEndian(sdes[2..], (ushort)((4 + padded) / 4 - 1));
        BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], s.Ssrc);
        sdes[8] = 1;
        sdes[9] = (byte)cnameLength;
        _sim.CommitUdp(s.Source, (ushort)(s.SourcePort + 1), s.Destination, (ushort)(s.DestinationPort + 1), 52 + 4 + padded, true);
        s.Truth.RtcpPackets++;
        _sim.Truth.Traffic.Rtcp++;
    }
}
