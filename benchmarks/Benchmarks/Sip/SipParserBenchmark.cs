using System.Text;
using BenchmarkDotNet.Attributes;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Benchmarks.Sip;

/// <summary>
/// Cost per SIP message: the content check run on every UDP/TCP payload (baseline) versus the full parse
/// that materialises the kept fields (a 401 with a digest challenge, as REGISTER flows are full of them).
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

    [Benchmark(Baseline = true)]
    public bool LooksLikeSip() => SipDetector.LooksLikeSip(Challenge);

    [Benchmark]
    public SipMessage? Parse() => SipParser.TryParse(Challenge, out var message) ? message : null;
}
