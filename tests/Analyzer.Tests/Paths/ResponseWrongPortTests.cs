using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// Phones behind a NAT that gives their requests new source ports, whose Via asks for no rport: the server answers
/// at the Via's port (RFC 3261 §18.2.2) and the NAT has no binding there. One cause that names the NAT and the
/// fixes, at a site's scale and with a scanner running; never said of a client that is answered where it listens.
/// </summary>
public class ResponseWrongPortTests
{
    private const string Pbx = "10.10.0.10", Nat = "203.0.113.1";
    private const long MsNs = 1_000_000, SecondNs = 1000 * MsNs;

    [Fact]
    public async Task Two_thousand_phones_behind_one_nat_during_a_scan_make_one_cause_that_names_the_nat_and_the_rport_phones_work()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        for (int i = 0; i < 2000; i++)
        {
            string phone = $"10.20.{i / 250}.{i % 250 + 2}";
            ushort port = (ushort)(40000 + i);
            bool rport = i % 4 == 0; // a quarter of the phones ask for rport: they are answered at their NAT port
            long at = SyntheticCapture.StartNs + i * 10 * MsNs;
            frames.Add((at, Udp(Nat, port, Pbx, 5060, Register(phone, i, rport), ref id)));
            if (rport)
            {
                frames.Add((at + MsNs, Udp(Pbx, 5060, Nat, port, Answer("200 OK", phone, i, rport), ref id)));
                continue;
            }
            frames.Add((at + MsNs, Udp(Pbx, 5060, Nat, 5060, Answer("401 Unauthorized", phone, i, rport), ref id)));
            for (int copy = 1; copy <= 3; copy++)
                frames.Add((at + copy * 500 * MsNs * (1 << copy), Udp(Nat, port, Pbx, 5060, Register(phone, i, rport), ref id)));
        }
        int s = 0;
        foreach (string scanner in ScanSources.Addresses(1500))
            frames.Add((SyntheticCapture.StartNs + s * 10 * MsNs, Udp(scanner, 5060, Pbx, 5060, ScanSources.AsScanner(Register(scanner, 5000 + s++, false)), ref id)));
        var result = await AnalyzeAsync(frames);

        var cause = Assert.Single(result.Causes, c => c.Severity == Severity.Error);
        Assert.Equal(CauseKind.RepliesMisaddressed, cause.Kind);
        Assert.Equal(1500, cause.ClientCount);
        Assert.All(cause.Clients, c => Assert.StartsWith(Nat + ":", c));
        Assert.Contains("at port 5060, the port their Via names", cause.Summary);
        Assert.Contains($"through the NAT at {Nat}", cause.Summary);
        Assert.EndsWith("500 other clients behind the same NAT whose Via asks for rport are answered at their own port and registered.", cause.Summary);
        Assert.Contains("static-port", cause.Fix);
        Assert.Contains("rport (RFC 3581) on the phones", cause.Fix);
        // The phones that asked for rport register from the NAT's address: the working ones named beside the affected.
        Assert.NotEmpty(cause.HealthyClients);
        Assert.All(cause.HealthyClients, c => Assert.True(int.Parse(c[(c.LastIndexOf(':') + 1)..]) % 4 == 0, c));
        Assert.True(cause.Findings.Count <= FindingCap.MaxPerKind + 1, $"{cause.Findings.Count} findings");
        var f = cause.Findings[0];
        Assert.Equal(FindingKind.ResponseWrongPort, f.Kind);
        var evidence = Assert.IsType<ResponseWrongPortEvidence>(f.Evidence);
        Assert.Equal(Nat + ":5060", evidence.RepliedTo);
        Assert.False(evidence.ViaAsksRport);
        Assert.Contains("RFC 3261 (§18.2.2)", f.Explanation);
        // The lost answers are not also called lost beyond the next hop; the scan is its own cause.
        Assert.DoesNotContain(result.Findings, x => x.Kind is FindingKind.ResponseLost or FindingKind.IcmpError);
        Assert.Contains(result.Causes, c => c.Kind == CauseKind.SipScan && c.Severity != Severity.Error);
    }

    /// <summary>
    /// The server answers the Via's port although the Via asked for rport, and the NAT drops it (ICMP port
    /// unreachable from the NAT's address): the server ignores rport, and the fix is on the server.
    /// </summary>
    [Fact]
    public async Task A_server_that_ignores_rport_is_told_to_answer_at_the_source_port()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        long at = SyntheticCapture.StartNs;
        var answer = Udp(Pbx, 5060, Nat, 5060, Answer("401 Unauthorized", "10.20.0.2", 1, rport: true), ref id);
        frames.Add((at, Udp(Nat, 40001, Pbx, 5060, Register("10.20.0.2", 1, rport: true), ref id)));
        frames.Add((at + MsNs, answer));
        frames.Add((at + 2 * MsNs, Ethernet(0x0800, Ipv4(1, Nat, Pbx, Icmp(3, 3, 0, answer[14..]), id++))));
        var result = await AnalyzeAsync(frames);

        var cause = Assert.Single(result.Causes, c => c.Severity == Severity.Error);
        Assert.Equal(CauseKind.RepliesMisaddressed, cause.Kind);
        Assert.StartsWith($"{Pbx} ignores rport", cause.Summary);
        Assert.StartsWith($"Make {Pbx} answer at the source port", cause.Fix);
        Assert.True(Assert.IsType<ResponseWrongPortEvidence>(Assert.Single(cause.Findings).Evidence).ViaAsksRport);
        Assert.DoesNotContain(result.Findings, x => x.Kind == FindingKind.IcmpError);
    }

    /// <summary>
    /// No NAT on the way (the Via names the address the request came from): a phone that sends from another port than
    /// the one it listens on is answered there and registers — nothing to say; if those answers are lost, it is not a
    /// NAT's port either, and the finding stays the one it was.
    /// </summary>
    [Theory]
    [InlineData(true, null)]
    [InlineData(false, FindingKind.ResponseLost)]
    public async Task A_client_whose_via_names_its_own_address_is_never_called_a_nat_port_problem(bool delivered, FindingKind? expected)
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        long at = SyntheticCapture.StartNs;
        const string phone = "10.20.0.9";
        frames.Add((at, Udp(phone, 34567, Pbx, 5060, Register(phone, 9, false), ref id)));
        frames.Add((at + MsNs, Udp(Pbx, 5060, phone, 5060, Answer("401 Unauthorized", phone, 9, false), ref id)));
        if (delivered)
        {
            frames.Add((at + 50 * MsNs, Udp(phone, 34567, Pbx, 5060, Register(phone, 9, false, cseq: 2, credentials: true), ref id)));
            frames.Add((at + 51 * MsNs, Udp(Pbx, 5060, phone, 5060, Answer("200 OK", phone, 9, false, cseq: 2), ref id)));
        }
        else
            for (int copy = 1; copy <= 3; copy++)
                frames.Add((at + copy * 500 * MsNs * (1 << copy), Udp(phone, 34567, Pbx, 5060, Register(phone, 9, false), ref id)));
        var result = await AnalyzeAsync(frames);

        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.ResponseWrongPort);
        Assert.DoesNotContain(result.Causes, c => c.Kind == CauseKind.RepliesMisaddressed);
        if (expected is { } kind) Assert.Contains(result.Findings, f => f.Kind == kind);
        else Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
    }

    // The capture runs on past timer F.
    private static Task<AnalysisResult> AnalyzeAsync(List<(long Ns, byte[] Frame)> frames)
    {
        ushort id = 60000;
        return SyntheticAnalysis.RunPastTimersAsync(frames, Udp("10.10.0.1", 5060, Pbx, 5060, "x", ref id));
    }

    private static byte[] Udp(string from, ushort fromPort, string to, ushort toPort, string payload, ref ushort id) =>
        Ethernet(0x0800, Ipv4(17, from, to, PacketBuilder.Udp(fromPort, toPort, Ascii(payload)), id++));

    private static string Register(string phone, int n, bool rport, int cseq = 1, bool credentials = false) =>
        $"REGISTER sip:{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-r{n}-{cseq}{(rport ? ";rport" : "")}\r\n" +
        $"From: <sip:{1000 + n}@{Pbx}>;tag=t{n}\r\nTo: <sip:{1000 + n}@{Pbx}>\r\nCall-ID: reg-{n}\r\nCSeq: {cseq} REGISTER\r\n" +
        (credentials ? $"Authorization: Digest username=\"{1000 + n}\", realm=\"pbx\", nonce=\"n{n}\", uri=\"sip:{Pbx}\", response=\"00\"\r\n" : "") +
        $"Contact: <sip:{1000 + n}@{phone}:5060>\r\nUser-Agent: phone\r\nContent-Length: 0\r\n\r\n";

    private static string Answer(string status, string phone, int n, bool rport, int cseq = 1) =>
        $"SIP/2.0 {status}\r\nVia: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-r{n}-{cseq};received={Nat}{(rport ? ";rport=40001" : "")}\r\n" +
        $"From: <sip:{1000 + n}@{Pbx}>;tag=t{n}\r\nTo: <sip:{1000 + n}@{Pbx}>;tag=s{n}\r\nCall-ID: reg-{n}\r\nCSeq: {cseq} REGISTER\r\n" +
        (status.StartsWith("401") ? $"WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n{n}\"\r\n" : "") +
        $"Content-Length: 0\r\n\r\n";
}
