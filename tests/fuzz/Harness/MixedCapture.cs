using System.Buffers.Binary;
using System.Text;

namespace PcapSipAnalyzer.Fuzz;

/// <summary>
/// A small pcap made here for the analysis target's corpus, since no fixture under 20 KB mixes them all: a call
/// over UDP (INVITE with SDP, 100, 180, 200 with SDP, ACK, RTP both ways, an RTCP sender report, BYE, 200), an
/// unanswered OPTIONS retransmitted, and a registration over TCP (handshake, a REGISTER split over two segments,
/// 401, the REGISTER with credentials, 200, FIN). Ethernet, IPv4; checksums left zero, which the analysis ignores.
/// </summary>
public static class MixedCapture
{
    private static readonly byte[] PhoneMac = [0x02, 0, 0, 0, 0, 0x10], PbxMac = [0x02, 0, 0, 0, 0, 0x01];
    private const uint Phone = 0x0A00010A, Pbx = 0x0A000001; // 10.0.1.10, 10.0.0.1

    public static byte[] Build()
    {
        var pcap = NewPcap();
        long us = 1_700_000_000L * 1_000_000;
        void Udp(bool fromPhone, ushort phonePort, ushort pbxPort, byte[] payload, int ms) =>
            Record(pcap, us += ms * 1000L, Frame(fromPhone, 17, fromPhone ? phonePort : pbxPort, fromPhone ? pbxPort : phonePort, payload, 0, 0));
        void Tcp(bool fromPhone, byte flags, uint seq, uint ack, byte[] payload, int ms) =>
            Record(pcap, us += ms * 1000L, Frame(fromPhone, 6, fromPhone ? (ushort)40001 : (ushort)5060, fromPhone ? (ushort)5060 : (ushort)40001, payload, flags, seq, ack));

        const string call = "Call-ID: c1@10.0.1.10\r\nFrom: <sip:201@pbx>;tag=a1\r\n";
        var offer = Sdp(Phone, 40000);
        Udp(true, 5060, 5060, Sip("INVITE sip:202@10.0.0.1 SIP/2.0", "z9hG4bK1", call + "To: <sip:202@pbx>\r\nCSeq: 1 INVITE\r\nContact: <sip:201@10.0.1.10>\r\nContent-Type: application/sdp\r\n", offer), 0);
        Udp(false, 5060, 5060, Sip("SIP/2.0 100 Trying", "z9hG4bK1", call + "To: <sip:202@pbx>\r\nCSeq: 1 INVITE\r\n", ""), 5);
        Udp(false, 5060, 5060, Sip("SIP/2.0 180 Ringing", "z9hG4bK1", call + "To: <sip:202@pbx>;tag=b1\r\nCSeq: 1 INVITE\r\n", ""), 100);
        Udp(false, 5060, 5060, Sip("SIP/2.0 200 OK", "z9hG4bK1", call + "To: <sip:202@pbx>;tag=b1\r\nCSeq: 1 INVITE\r\nContact: <sip:202@10.0.0.1>\r\nContent-Type: application/sdp\r\n", Sdp(Pbx, 30000)), 900);
        Udp(true, 5060, 5060, Sip("ACK sip:202@10.0.0.1 SIP/2.0", "z9hG4bK2", call + "To: <sip:202@pbx>;tag=b1\r\nCSeq: 1 ACK\r\n", ""), 10);
        for (int i = 0; i < 6; i++)
        {
            Udp(true, 40000, 30000, Rtp((ushort)(100 + i), (uint)(160 * i), 0x11111111), 10);
            Udp(false, 40000, 30000, Rtp((ushort)(7000 + i), (uint)(8000 + 160 * i), 0x22222222), 10);
        }
        Udp(true, 40001, 30001, SenderReport(0x11111111), 5);
        Udp(true, 5060, 5060, Sip("BYE sip:202@10.0.0.1 SIP/2.0", "z9hG4bK3", call + "To: <sip:202@pbx>;tag=b1\r\nCSeq: 2 BYE\r\n", ""), 20);
        Udp(false, 5060, 5060, Sip("SIP/2.0 200 OK", "z9hG4bK3", call + "To: <sip:202@pbx>;tag=b1\r\nCSeq: 2 BYE\r\n", ""), 5);

        var options = Sip("OPTIONS sip:10.0.0.1 SIP/2.0", "z9hG4bK4", "Call-ID: o1\r\nFrom: <sip:201@pbx>;tag=o\r\nTo: <sip:10.0.0.1>\r\nCSeq: 7 OPTIONS\r\n", "");
        foreach (int ms in new[] { 10, 500, 1000, 2000 })
            Udp(true, 5060, 5060, options, ms);

        const string reg = "Call-ID: r1@10.0.1.10\r\nFrom: <sip:201@pbx>;tag=r\r\nTo: <sip:201@pbx>\r\nContact: <sip:201@10.0.1.10:40001;transport=tcp>";
        uint c = 1000, s = 5000;
        Tcp(true, 0x02, c++, 0, [], 10);
        Tcp(false, 0x12, s++, c, [], 1);
        Tcp(true, 0x10, c, s, [], 1);
        var register = Sip("REGISTER sip:pbx SIP/2.0", "z9hG4bK5", reg + "\r\nCSeq: 1 REGISTER\r\nExpires: 60\r\n", "", "TCP");
        Tcp(true, 0x18, c, s, register[..40], 1);
        Tcp(true, 0x18, c += 40, s, register[40..], 1);
        c += (uint)(register.Length - 40);
        var challenge = Sip("SIP/2.0 401 Unauthorized", "z9hG4bK5", reg + "\r\nCSeq: 1 REGISTER\r\nWWW-Authenticate: Digest realm=\"pbx\", nonce=\"n1\"\r\n", "", "TCP");
        Tcp(false, 0x18, s, c, challenge, 5);
        s += (uint)challenge.Length;
        var answer = Sip("REGISTER sip:pbx SIP/2.0", "z9hG4bK6", reg + "\r\nCSeq: 2 REGISTER\r\nExpires: 60\r\n"
            + "Authorization: Digest username=\"201\", realm=\"pbx\", nonce=\"n1\", uri=\"sip:pbx\", response=\"0123456789abcdef0123456789abcdef\"\r\n", "", "TCP");
        Tcp(true, 0x18, c, s, answer, 20);
        c += (uint)answer.Length;
        var ok = Sip("SIP/2.0 200 OK", "z9hG4bK6", reg + ";expires=60\r\nCSeq: 2 REGISTER\r\n", "", "TCP");
        Tcp(false, 0x18, s, c, ok, 5);
        s += (uint)ok.Length;
        Tcp(true, 0x11, c, s, [], 10);
        Tcp(false, 0x11, s, c + 1, [], 1);
        return pcap.ToArray();
    }

    private static byte[] Sip(string startLine, string branch, string headers, string body, string transport = "UDP") =>
        Encoding.ASCII.GetBytes($"{startLine}\r\nVia: SIP/2.0/{transport} 10.0.1.10:5060;branch={branch}\r\n{headers}"
            + $"Max-Forwards: 70\r\nContent-Length: {body.Length}\r\n\r\n{body}");

    private static string Sdp(uint address, int port)
    {
        string ip = $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}";
        return $"v=0\r\no=- 1 1 IN IP4 {ip}\r\ns=-\r\nc=IN IP4 {ip}\r\nt=0 0\r\nm=audio {port} RTP/AVP 0 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    }

    private static byte[] Rtp(ushort sequence, uint timestamp, uint ssrc)
    {
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        packet.AsSpan(12).Fill(0xFF);
        return packet;
    }

    private static byte[] SenderReport(uint ssrc)
    {
        var packet = new byte[28];
        packet[0] = 0x80;
        packet[1] = 200;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 6);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0xE8D4A510);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), 960);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(20), 6);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(24), 6 * 172);
        return packet;
    }

    private static byte[] Frame(bool fromPhone, byte protocol, ushort sourcePort, ushort destinationPort, byte[] payload, byte tcpFlags, uint sequence, uint ack = 0)
    {
        int transport = protocol == 6 ? 20 : 8;
        var frame = new byte[14 + 20 + transport + payload.Length];
        (fromPhone ? PbxMac : PhoneMac).CopyTo(frame, 0);
        (fromPhone ? PhoneMac : PbxMac).CopyTo(frame, 6);
        frame[12] = 0x08;
        var ip = frame.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + transport + payload.Length));
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], fromPhone ? Phone : Pbx);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], fromPhone ? Pbx : Phone);
        var l4 = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(l4, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(l4[2..], destinationPort);
        if (protocol == 6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(l4[4..], sequence);
            BinaryPrimitives.WriteUInt32BigEndian(l4[8..], ack);
            l4[12] = 0x50;
            l4[13] = tcpFlags;
            BinaryPrimitives.WriteUInt16BigEndian(l4[14..], 65535);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(l4[4..], (ushort)(8 + payload.Length));
        }
        payload.CopyTo(l4[transport..]);
        return frame;
    }

    /// <summary>A little-endian µs pcap of Ethernet frames, its file header written.</summary>
    internal static MemoryStream NewPcap()
    {
        var pcap = new MemoryStream();
        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1);
        pcap.Write(header);
        return pcap;
    }

    internal static void Record(Stream pcap, long us, byte[] frame)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(us / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(us % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)frame.Length);
        pcap.Write(header);
        pcap.Write(frame);
    }
}
