using System.Text;
using BenchmarkDotNet.Attributes;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Benchmarks.Sip;

/// <summary>
/// The whole per-message SIP path of a REGISTER scan, as the analysis runs it: parse the bytes, then the engine
/// (transaction, registration, resend detection, scan tally at completion). Every scanner sends one REGISTER
/// from its own address with its own Call-ID, branch and tag (SIPVicious style, as the synthesizer's
/// <c>register-scan</c> flood); <see cref="Rejected"/> adds the PBX's 401 to each. One operation = one message.
/// More scanners than the engine's live cap (10 000), so the steady state of a long scan is measured: every new
/// transaction evicts one, which completes and is tallied.
/// </summary>
[MemoryDiagnoser]
public class ScanMessageBenchmark
{
    private const int Scanners = 25_000;
    private byte[][] _requests = [];
    private byte[][] _challenges = [];
    private PacketMeta[] _requestMetas = [];
    private PacketMeta[] _challengeMetas = [];

    [GlobalSetup]
    public void Setup()
    {
        var pbx = NetAddress.Parse("10.10.0.10");
        _requests = new byte[Scanners][];
        _challenges = new byte[Scanners][];
        _requestMetas = new PacketMeta[Scanners];
        _challengeMetas = new PacketMeta[Scanners];
        for (int c = 0; c < Scanners; c++)
        {
            uint ip = 0x0A000000u + (uint)(c * 7919 % 0xFFFFFF) + 1;
            string source = $"{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}";
            string branch = $"z9hG4bK{c:x8}{c * 31:x8}";
            string tag = $"{c * 17:x16}";
            string callId = $"{c * 131:x16}";
            _requests[c] = Encoding.ASCII.GetBytes(
                "REGISTER sip:10.10.0.10 SIP/2.0\r\n" +
                $"Via: SIP/2.0/UDP {source}:5060;branch={branch}\r\n" +
                "Max-Forwards: 70\r\n" +
                $"From: \"100\" <sip:100@10.10.0.10>;tag={tag}\r\n" +
                "To: \"100\" <sip:100@10.10.0.10>\r\n" +
                $"Call-ID: {callId}\r\n" +
                "CSeq: 1 REGISTER\r\n" +
                $"Contact: <sip:100@{source}:5060>\r\n" +
                "Expires: 3600\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n");
            _challenges[c] = Encoding.ASCII.GetBytes(
                "SIP/2.0 401 Unauthorized\r\n" +
                $"Via: SIP/2.0/UDP {source}:5060;branch={branch}\r\n" +
                $"From: \"100\" <sip:100@10.10.0.10>;tag={tag}\r\n" +
                "To: \"100\" <sip:100@10.10.0.10>;tag=00000000\r\n" +
                $"Call-ID: {callId}\r\n" +
                "CSeq: 1 REGISTER\r\n" +
                "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"5f2a9c\", algorithm=MD5\r\n" +
                "Content-Length: 0\r\n\r\n");
            var scanner = NetAddress.FromV4(ip);
            long ts = 1_700_000_000_000_000_000 + c * 1_000_000L;
            _requestMetas[c] = Meta(2 * c + 1, ts, scanner, pbx);
            _challengeMetas[c] = Meta(2 * c + 2, ts + 200_000, pbx, scanner);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Scanners)]
    public long Unanswered()
    {
        var engine = new SipEngine();
        for (int c = 0; c < Scanners; c++) Feed(engine, _requests[c], _requestMetas[c]);
        return engine.Statistics.Messages;
    }

    [Benchmark(OperationsPerInvoke = 2 * Scanners)]
    public long Rejected()
    {
        var engine = new SipEngine();
        for (int c = 0; c < Scanners; c++)
        {
            Feed(engine, _requests[c], _requestMetas[c]);
            Feed(engine, _challenges[c], _challengeMetas[c]);
        }
        return engine.Statistics.Messages;
    }

    private static void Feed(SipEngine engine, byte[] bytes, in PacketMeta meta)
    {
        if (SipParser.TryParse(bytes, out var message) && message is not null) engine.OnMessage(meta, message);
    }

    private static PacketMeta Meta(long frame, long ts, NetAddress from, NetAddress to) => new()
    {
        Frame = frame, TimestampNs = ts, SourceIp = from, DestinationIp = to,
        SourcePort = 5060, DestinationPort = 5060, Transport = Transport.Udp, Ttl = 52, IpId = (ushort)frame,
    };
}
