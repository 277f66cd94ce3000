using System.Buffers.Binary;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>Builds RTP datagrams and their PacketMeta for engine tests.</summary>
internal static class SyntheticRtp
{
    public static byte[] Packet(ushort seq, uint ts, uint ssrc, byte pt = 0, int payload = 160)
    {
        var b = new byte[12 + payload];
        Write(b, seq, ts, ssrc, pt);
        return b;
    }

    public static void Write(Span<byte> b, ushort seq, uint ts, uint ssrc, byte pt = 0)
    {
        b[0] = 0x80;
        b[1] = pt;
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(b[4..], ts);
        BinaryPrimitives.WriteUInt32BigEndian(b[8..], ssrc);
    }

    public static PacketMeta Meta(string src, ushort sport, string dst, ushort dport, long frame, long ns, int iface = 0) => new()
    {
        Frame = frame,
        TimestampNs = ns,
        InterfaceId = iface,
        SourceIp = NetAddress.Parse(src),
        SourcePort = sport,
        DestinationIp = NetAddress.Parse(dst),
        DestinationPort = dport,
        Transport = Transport.Udp,
    };
}
