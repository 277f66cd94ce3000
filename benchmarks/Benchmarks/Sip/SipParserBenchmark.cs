using System.Text;
using BenchmarkDotNet.Attributes;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Benchmarks.Sip;

/// <summary>
/// Cost per SIP message: the content check run on every UDP/TCP payload (baseline) versus the full parse
/// that materialises the kept fields (a 401 with a digest challenge, as REGISTER flows are full of them), and the
/// parse of distinct messages in a row: an established call's and a REGISTER scan's.
/// </summary>
[MemoryDiagnoser]
public class SipParserBenchmark
{
    private static readonly byte[] Challenge = Encoding.ASCII.GetBytes(
        "SIP/2.0 401 Unauthorized\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.21:5060;branch=z9hG4bK-3360-1-0;received=192.168.1.21;rport=5060\r\n" +
        "From: \"1004\" <sip:1004@192.168.0.10>;tag=3360SIPpTag001\r\n" +
        "To: <sip:1004@192.168.0.10>;tag=b27e1a1d33761e85846fc98f5f3a7e58.4e0c\r\n" +
        "Call-ID: reg-1-3360@192.168.1.21\r\n" +
        "CSeq: 1 REGISTER\r\n" +
        "WWW-Authenticate: Digest realm=\"pbx.lab\", nonce=\"ZPx3aWT8dj1vD0dXZ2xm0xkOqU2N3kcY\", qop=\"auth\", algorithm=MD5\r\n" +
        "Server: kamailio (5.6.3 (x86_64/linux))\r\n" +
        "Content-Length: 0\r\n\r\n");

    // Distinct messages, as a capture brings them: an established call's INFO, its 200 and an ACK, over and over
    // with new branches and CSeqs (From, To and Call-ID repeat, the 200 repeats its request's Via), and a REGISTER
    // scan's requests, each with its own source, branch, tag and Call-ID.
    private const int Messages = 30_000;
    private readonly byte[][] _inDialog = new byte[Messages][];
    private readonly byte[][] _scan = new byte[Messages][];
    private readonly SipMessage _into = new();

    [GlobalSetup]
    public void Setup()
    {
        const string Dialog = "From: <sip:caller@10.63.0.1>;tag=caller\r\nTo: <sip:1000@pbx.example.com>;tag=callee\r\n"
            + "Call-ID: one-call@10.63.0.1\r\n";
        for (int i = 0; i < Messages; i++)
        {
            int n = i / 3;
            string via = $"Via: SIP/2.0/UDP 10.63.0.1:5060;branch=z9hG4bK{(i % 3 == 2 ? "ack" : "info")}{n:x}\r\n";
            _inDialog[i] = Encoding.ASCII.GetBytes((i % 3) switch
            {
                0 => $"INFO sip:1000@pbx.example.com SIP/2.0\r\n{via}{Dialog}CSeq: {n + 2} INFO\r\nContent-Length: 0\r\n\r\n",
                1 => $"SIP/2.0 200 OK\r\n{via}{Dialog}CSeq: {n + 2} INFO\r\nContent-Length: 0\r\n\r\n",
                _ => $"ACK sip:1000@pbx.example.com SIP/2.0\r\n{via}{Dialog}CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n",
            });
            uint ip = 0x0A000000u + (uint)(i * 7919 % 0xFFFFFF) + 1;
            string source = $"{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}";
            _scan[i] = Encoding.ASCII.GetBytes("REGISTER sip:10.10.0.10 SIP/2.0\r\n"
                + $"Via: SIP/2.0/UDP {source}:5060;branch=z9hG4bK{i:x8}{i * 31:x8}\r\nMax-Forwards: 70\r\n"
                + $"From: \"100\" <sip:100@10.10.0.10>;tag={i * 17:x16}\r\nTo: \"100\" <sip:100@10.10.0.10>\r\n"
                + $"Call-ID: {i * 131:x16}\r\nCSeq: 1 REGISTER\r\nContact: <sip:100@{source}:5060>\r\n"
                + "Expires: 3600\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n");
        }
    }

    [Benchmark(Baseline = true)]
    public bool LooksLikeSip() => SipDetector.LooksLikeSip(Challenge);

    [Benchmark]
    public SipMessage? Parse() => SipParser.TryParse(Challenge, out var message) ? message : null;

    /// <summary>One operation = one message of an established call, parsed into a reused message as the analysis does.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int InDialog() => ParseAll(_inDialog);

    /// <summary>One operation = one request of a REGISTER scan.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int ScanRequests() => ParseAll(_scan);

    private int ParseAll(byte[][] messages)
    {
        int parsed = 0;
        foreach (var bytes in messages)
        {
            _into.Clear();
            if (SipParser.TryParse(bytes, _into, out _)) parsed++;
        }
        return parsed;
    }
}
