using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// A server with two addresses that answers from the other one: the phones sent their REGISTERs to the second
/// address, and a stateful firewall drops the answers from the first. One cause that names both addresses and says
/// to bind the service to each, at a site's scale with a scanner running; an answer from elsewhere that arrives (the
/// phone moves on) is nothing to report.
/// </summary>
public class ResponseWrongSourceTests
{
    private const string Primary = "10.10.0.10", Second = "10.10.0.11";
    private const long MsNs = 1_000_000, SecondNs = 1000 * MsNs;
    private static readonly byte[] PbxMac = [0x02, 0, 0, 0, 0, 0x10], RouterMac = [0x02, 0, 0, 0, 0, 0x01];

    [Fact]
    public async Task Two_thousand_phones_answered_from_the_server_s_other_address_during_a_scan_are_one_cause()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        for (int i = 0; i < 2000; i++)
        {
            string phone = $"10.20.{i / 250}.{i % 250 + 2}";
            long at = SyntheticCapture.StartNs + i * 10 * MsNs;
            for (int copy = 0; copy < 5; copy++)
            {
                long sent = at + copy * 500 * MsNs * (1 << copy);
                frames.Add((sent, In(phone, Second, Register(phone, Second, i, 1), ref id)));
                frames.Add((sent + MsNs, Out(Primary, phone, Answer("401 Unauthorized", phone, Second, i, 1), ref id)));
            }
        }
        int s = 0;
        foreach (string scanner in ScanSources.Addresses(1500))
            frames.Add((SyntheticCapture.StartNs + s * 10 * MsNs, In(scanner, Second, ScanSources.AsScanner(Register(scanner, Second, 5000 + s++, 1)), ref id)));
        var result = await AnalyzeAsync(frames);

        var cause = Assert.Single(result.Causes, c => c.Severity == Severity.Error);
        Assert.Equal(CauseKind.RepliesMisaddressed, cause.Kind);
        Assert.Equal(2000, cause.ClientCount);
        Assert.StartsWith($"{Second} answers ", cause.Summary);
        Assert.Contains($"from {Primary}:5060, not from {Second}:5060 where their requests go", cause.Summary);
        Assert.Contains("instead of 0.0.0.0", cause.Fix);
        Assert.StartsWith($"ip.addr in {{{Second},{Primary}}}", cause.WiresharkFilter);
        var evidence = Assert.IsType<ResponseWrongSourceEvidence>(cause.Findings[0].Evidence);
        Assert.Equal($"{Primary}:5060", evidence.RepliedFrom);
        Assert.True(evidence.SameHost);
        Assert.True(cause.Findings.Count <= FindingCap.MaxPerKind + 1, $"{cause.Findings.Count} findings");
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.ResponseLost);
        Assert.Contains(result.Causes, c => c.Kind == CauseKind.SipScan && c.Severity != Severity.Error);
    }

    [Fact]
    public async Task An_answer_from_the_other_address_that_arrives_is_nothing_to_report()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        const string phone = "10.20.0.9";
        long at = SyntheticCapture.StartNs;
        frames.Add((at, In(phone, Second, Register(phone, Second, 9, 1), ref id)));
        frames.Add((at + MsNs, Out(Primary, phone, Answer("401 Unauthorized", phone, Second, 9, 1), ref id)));
        frames.Add((at + 20 * MsNs, In(phone, Second, Register(phone, Second, 9, 2, credentials: true), ref id)));
        frames.Add((at + 21 * MsNs, Out(Primary, phone, Answer("200 OK", phone, Second, 9, 2), ref id)));
        var result = await AnalyzeAsync(frames);

        Assert.DoesNotContain(result.Findings, f => f.Severity <= Severity.Warning);
        Assert.DoesNotContain(result.Causes, c => c.Kind == CauseKind.RepliesMisaddressed);
    }

    // The capture runs on past timer F.
    private static Task<AnalysisResult> AnalyzeAsync(List<(long Ns, byte[] Frame)> frames)
    {
        ushort id = 60000;
        return SyntheticAnalysis.RunPastTimersAsync(frames, In("10.30.0.1", Second, "x", ref id));
    }

    // Through the router to the server's MAC, and back from the server's MAC to the router.
    private static byte[] In(string from, string to, string payload, ref ushort id) =>
        EthernetBetween(RouterMac, PbxMac, 0x0800, Ipv4(17, from, to, Udp(5060, 5060, Ascii(payload)), id++, ttl: 63));

    private static byte[] Out(string from, string to, string payload, ref ushort id) =>
        EthernetBetween(PbxMac, RouterMac, 0x0800, Ipv4(17, from, to, Udp(5060, 5060, Ascii(payload)), id++));

    private static string Register(string phone, string server, int n, int cseq, bool credentials = false) =>
        $"REGISTER sip:{server} SIP/2.0\r\nVia: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-r{n}-{cseq}\r\n" +
        $"From: <sip:{1000 + n}@{server}>;tag=t{n}\r\nTo: <sip:{1000 + n}@{server}>\r\nCall-ID: reg-{n}\r\nCSeq: {cseq} REGISTER\r\n" +
        (credentials ? $"Authorization: Digest username=\"{1000 + n}\", realm=\"pbx\", nonce=\"n{n}\", uri=\"sip:{server}\", response=\"00\"\r\n" : "") +
        $"Contact: <sip:{1000 + n}@{phone}:5060>\r\nUser-Agent: phone\r\nContent-Length: 0\r\n\r\n";

    private static string Answer(string status, string phone, string server, int n, int cseq) =>
        $"SIP/2.0 {status}\r\nVia: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-r{n}-{cseq}\r\n" +
        $"From: <sip:{1000 + n}@{server}>;tag=t{n}\r\nTo: <sip:{1000 + n}@{server}>;tag=s{n}\r\nCall-ID: reg-{n}\r\nCSeq: {cseq} REGISTER\r\n" +
        (status.StartsWith("401", StringComparison.Ordinal) ? $"WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n{n}\"\r\n" : "") +
        "Content-Length: 0\r\n\r\n";
}
