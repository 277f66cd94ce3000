using System.Text;
using BenchmarkDotNet.Attributes;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Benchmarks.Sip;

/// <summary>
/// Cost per SIP message in the engine (transaction table, registrations, resend detection, statistics), the
/// messages parsed beforehand: digest-authenticated registrations, REGISTER → 401 → REGISTER → 200, each
/// with its own Call-ID, one operation = one message. A new transaction costs its objects (the transaction and
/// one record per message copy, kept for the report); <see cref="Retransmissions"/> repeats the first REGISTER of
/// live transactions, which only counts: no new objects beyond the copy's record.
/// </summary>
[MemoryDiagnoser]
public class SipEngineBenchmark
{
    private const int Clients = 2_500;
    private const int Messages = Clients * 4;
    private readonly SipMessage[] _messages = new SipMessage[Messages];
    private readonly PacketMeta[] _metas = new PacketMeta[Messages];

    [GlobalSetup]
    public void Setup()
    {
        var pbx = NetAddress.Parse("10.10.0.10");
        for (int c = 0; c < Clients; c++)
        {
            var phone = NetAddress.FromV4(0x0A140000u + (uint)c + 2);
            string[] texts =
            [
                Request(c, 1, branch: $"z9hG4bK-{c}-1", authorization: false),
                Response(c, 1, $"z9hG4bK-{c}-1", "401 Unauthorized", "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n" + c + "\", algorithm=MD5\r\n"),
                Request(c, 2, branch: $"z9hG4bK-{c}-2", authorization: true),
                Response(c, 2, $"z9hG4bK-{c}-2", "200 OK", $"Contact: <sip:{1000 + c}@10.20.0.{c % 250}:5060>;expires=120\r\n"),
            ];
            for (int i = 0; i < 4; i++)
            {
                int n = c * 4 + i;
                if (!SipParser.TryParse(Encoding.ASCII.GetBytes(texts[i]), out var message) || message is null)
                    throw new InvalidOperationException("benchmark message does not parse: " + texts[i]);
                _messages[n] = message;
                bool request = i % 2 == 0;
                _metas[n] = new PacketMeta
                {
                    Frame = n + 1, TimestampNs = 1_700_000_000_000_000_000 + n * 1_000_000L,
                    SourceIp = request ? phone : pbx, DestinationIp = request ? pbx : phone,
                    SourcePort = 5060, DestinationPort = 5060, Transport = Transport.Udp, Ttl = 64, IpId = (ushort)n,
                };
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int Registrations()
    {
        var engine = new SipEngine();
        for (int i = 0; i < Messages; i++)
            engine.OnMessage(_metas[i], _messages[i]);
        return engine.LiveTransactions;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int Retransmissions()
    {
        var engine = new SipEngine();
        for (int i = 0; i < Messages; i += 4)
        {
            for (int copy = 0; copy < 4; copy++)
                engine.OnMessage(_metas[i], _messages[i]);
        }
        return engine.LiveTransactions;
    }

    private static string Request(int c, int cseq, string branch, bool authorization) =>
        $"REGISTER sip:pbx SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 10.20.0.{c % 250}:5060;branch={branch}\r\n" +
        $"From: <sip:{1000 + c}@pbx>;tag=f{c}\r\n" +
        $"To: <sip:{1000 + c}@pbx>\r\n" +
        $"Call-ID: reg-{c}@10.20.0.{c % 250}\r\n" +
        $"CSeq: {cseq} REGISTER\r\n" +
        $"Contact: <sip:{1000 + c}@10.20.0.{c % 250}:5060>\r\n" +
        (authorization ? $"Authorization: Digest username=\"{1000 + c}\", realm=\"pbx\", nonce=\"n{c}\", uri=\"sip:pbx\", response=\"0123456789abcdef0123456789abcdef\"\r\n" : "") +
        "Expires: 120\r\nMax-Forwards: 70\r\nUser-Agent: bench-phone\r\nContent-Length: 0\r\n\r\n";

    private static string Response(int c, int cseq, string branch, string status, string extra) =>
        $"SIP/2.0 {status}\r\n" +
        $"Via: SIP/2.0/UDP 10.20.0.{c % 250}:5060;branch={branch}\r\n" +
        $"From: <sip:{1000 + c}@pbx>;tag=f{c}\r\n" +
        $"To: <sip:{1000 + c}@pbx>;tag=t{c}\r\n" +
        $"Call-ID: reg-{c}@10.20.0.{c % 250}\r\n" +
        $"CSeq: {cseq} REGISTER\r\n" + extra +
        "Server: bench-pbx\r\nContent-Length: 0\r\n\r\n";
}
