using System.Buffers.Binary;
using System.Text;

namespace PcapSipAnalyzer.Fuzz;

/// <summary>
/// A seed for the analysis target that reaches the attack diagnoses, each just past its threshold, in 30 KB:
/// an extension enumeration (20 REGISTERs for 20 AORs from one address, unanswered), a REGISTER sweep (one REGISTER
/// to each of 20 addresses), a toll-fraud attempt (20 calls with credentials refused 403, then one accepted and hung
/// up) and password spraying (10 addresses, each guessing users 200 and 201 once, refused 403), then a packet 40 s
/// later so every timer runs out. Messages are as short as SIP allows.
/// </summary>
public static class AttackCapture
{
    private const uint Pbx = 0x0A0A000A, Attacker = 0xCB007158; // 10.10.0.10, 203.0.113.88

    public static byte[] Build()
    {
        var pcap = MixedCapture.NewPcap();
        long us = 1_700_000_000L * 1_000_000;
        void Send(uint from, uint to, string message, int ms) => MixedCapture.Record(pcap, us += ms * 1000L, Frame(from, to, Encoding.ASCII.GetBytes(message)));

        for (int i = 0; i < 20; i++)
            Send(Attacker, Pbx, Request("REGISTER", $"sip:{100 + i}@p", $"e{i}", $"e{i}", ""), 100);
        for (int i = 0; i < 20; i++)
            Send(Attacker + 1, 0x0A0A0100 + (uint)i, Request("REGISTER", "sip:100@p", $"s{i}", $"s{i}", ""), 50);
        for (int i = 0; i < 21; i++)
        {
            string auth = $"Proxy-Authorization: Digest username=\"100\",realm=\"p\",nonce=\"n\",uri=\"sip:9{i}@p\",response=\"{i:x32}\"\r\n";
            Send(Attacker + 2, Pbx, Request("INVITE", $"sip:9009{i}@p", $"t{i}", $"t{i}", auth), 100);
            bool last = i == 20;
            Send(Pbx, Attacker + 2, Response(last ? "200 OK" : "403 Forbidden", $"t{i}", $"t{i}", "INVITE"), 2);
            if (last)
            {
                Send(Pbx, Attacker + 2, Request("BYE", "sip:100@a", "b", $"t{i}", ""), 100);
                Send(Attacker + 2, Pbx, Response("200 OK", "b", $"t{i}", "BYE"), 2);
            }
        }
        for (int i = 0; i < 20; i++)
        {
            int user = 200 + i % 2;
            string auth = $"Authorization: Digest username=\"{user}\"\r\n";
            Send(Attacker + 3 + (uint)(i / 2), Pbx, Request("REGISTER", $"sip:{user}@p", $"g{i}", $"g{i}", auth), 100);
            Send(Pbx, Attacker + 3 + (uint)(i / 2), Response("403 Forbidden", $"g{i}", $"g{i}", "REGISTER"), 2);
        }
        Send(Pbx, Attacker, Request("OPTIONS", "sip:x@a", "o", "o", ""), 40_000);
        return pcap.ToArray();
    }

    private static string Request(string method, string uri, string branch, string callId, string extra) =>
        $"{method} {uri} SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK{branch}\r\nFrom: <{uri}>;tag=f\r\nTo: <{uri}>\r\nCall-ID: {callId}\r\n"
        + $"CSeq: 1 {method}\r\n{extra}Content-Length: 0\r\n\r\n";

    private static string Response(string status, string branch, string callId, string method) =>
        $"SIP/2.0 {status}\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK{branch}\r\nFrom: <sip:a@p>;tag=f\r\nTo: <sip:a@p>;tag=t\r\nCall-ID: {callId}\r\n"
        + $"CSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n";

    private static byte[] Frame(uint from, uint to, byte[] payload)
    {
        var frame = new byte[14 + 20 + 8 + payload.Length];
        frame[0] = 2; frame[5] = 1; frame[6] = 2; frame[11] = 2;
        frame[12] = 0x08;
        var ip = frame.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(28 + payload.Length));
        ip[8] = 52;
        ip[9] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], from);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], to);
        var udp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, 5060);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 5060);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        payload.CopyTo(udp[8..]);
        return frame;
    }
}
