using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// Calls whose INVITE gets nothing back, not even 100 Trying: the phone registers and cannot call. At a site's
/// scale, with a scanner sending INVITEs of its own: one cause that says the route works (the REGISTERs are
/// answered) and the calls are dropped; the scanner is its own cause; an INVITE a proxy forked to a phone that is
/// gone, while another branch answered the call, is no failure.
/// </summary>
public class InviteUnansweredTests
{
    private const string Pbx = "10.10.0.10";
    private const long MsNs = 1_000_000, SecondNs = 1000 * MsNs;

    [Fact]
    public async Task A_thousand_registered_phones_whose_calls_go_unanswered_during_an_invite_scan_are_one_cause()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        for (int i = 0; i < 1000; i++)
        {
            string phone = $"10.20.{i / 250}.{i % 250 + 2}";
            long at = SyntheticCapture.StartNs + i * 20 * MsNs;
            frames.Add((at, Udp(phone, Pbx, Request("REGISTER", phone, $"reg-{i}", i), ref id)));
            frames.Add((at + MsNs, Udp(Pbx, phone, Response("200 OK", "REGISTER", phone, $"reg-{i}", i), ref id)));
            // The call: an INVITE and its retransmissions (timer A), nothing back.
            for (int copy = 0; copy < 3; copy++)
                frames.Add((at + SecondNs + copy * 500 * MsNs * (1 << copy), Udp(phone, Pbx, Request("INVITE", phone, $"call-{i}", i, branch: "inv"), ref id)));
        }
        for (int i = 0; i < 1500; i++)
        {
            string scanner = $"45.{i / 250}.{i % 250}.7";
            var invite = Request("INVITE", scanner, $"scan-{i}", i).Replace("User-Agent: phone", "User-Agent: friendly-scanner");
            frames.Add((SyntheticCapture.StartNs + i * 10 * MsNs, Udp(scanner, Pbx, invite, ref id)));
        }
        var result = await AnalyzeAsync(frames);

        var cause = Assert.Single(result.Causes, c => c.Severity == Severity.Error);
        Assert.Equal(CauseKind.ServerSilent, cause.Kind);
        Assert.Equal(1000, cause.ClientCount);
        Assert.DoesNotContain(cause.Clients, c => c.StartsWith("45.", StringComparison.Ordinal));
        Assert.Contains("REGISTERs are answered: calls fail, registration works", cause.Summary);
        Assert.StartsWith("The route works both ways", cause.Fix);
        Assert.True(cause.Findings.Count <= FindingCap.MaxPerKind + 1, $"{cause.Findings.Count} findings");
        Assert.All(cause.Findings.Where(f => f.Evidence is RequestUnansweredEvidence), f => Assert.Contains("so the way back works", f.Explanation));
        Assert.Contains(result.Causes, c => c.Kind == CauseKind.SipScan && c.Severity != Severity.Error);
    }

    /// <summary>
    /// A proxy forks the INVITE to a phone that is gone and to one that answers: the call worked. The same INVITE
    /// to the gone phone alone is a call that never rang.
    /// </summary>
    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task A_forked_branch_nobody_answered_is_no_failure_when_the_call_was_answered(bool otherBranchAnswers, int findings)
    {
        const string proxy = "10.10.0.10", gone = "10.20.0.5", desk = "10.20.0.6";
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        long at = SyntheticCapture.StartNs;
        for (int copy = 0; copy < 4; copy++)
            frames.Add((at + copy * 500 * MsNs * (1 << copy), Udp(proxy, gone, Request("INVITE", proxy, "fork-1", 1, branch: "gone"), ref id)));
        if (otherBranchAnswers)
        {
            frames.Add((at + MsNs, Udp(proxy, desk, Request("INVITE", proxy, "fork-1", 1, branch: "desk"), ref id)));
            frames.Add((at + 2 * SecondNs, Udp(desk, proxy, Response("200 OK", "INVITE", proxy, "fork-1", 1, branch: "desk"), ref id)));
        }
        var result = await AnalyzeAsync(frames);

        Assert.Equal(findings, result.Findings.Count(f => f.Kind == FindingKind.InviteUnanswered));
    }

    /// <summary>
    /// One copy of a UDP INVITE and nothing more, though the capture ran past timer B: a phone repeats an unanswered
    /// INVITE (timer A), so this one was answered out of the capture's sight — no finding. A phone whose other calls
    /// to the server were answered, missing one: a warning that counts it, not an error that says calls fail.
    /// </summary>
    [Fact]
    public async Task One_copy_over_udp_is_no_finding_and_one_miss_among_answered_calls_is_a_warning()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        long at = SyntheticCapture.StartNs;
        frames.Add((at, Udp("10.20.0.7", Pbx, Request("INVITE", "10.20.0.7", "once-1", 7, branch: "once"), ref id)));
        // 10.20.0.8 calls twice: the first call is answered, the second gets nothing back (three copies).
        frames.Add((at, Udp("10.20.0.8", Pbx, Request("INVITE", "10.20.0.8", "ok-8", 8, branch: "ok"), ref id)));
        frames.Add((at + MsNs, Udp(Pbx, "10.20.0.8", Response("200 OK", "INVITE", "10.20.0.8", "ok-8", 8, branch: "ok"), ref id)));
        for (int copy = 0; copy < 3; copy++)
            frames.Add((at + 10 * SecondNs + copy * 500 * MsNs * (1 << copy), Udp("10.20.0.8", Pbx, Request("INVITE", "10.20.0.8", "miss-8", 8, branch: "miss"), ref id)));
        var result = await AnalyzeAsync(frames);

        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKind.InviteUnanswered);
        Assert.Equal("10.20.0.8:5060", finding.Client);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("Its other calls to", finding.Explanation);
        var cause = Assert.Single(result.Causes, c => c.Findings.Contains(finding));
        Assert.Equal(Severity.Warning, cause.Severity);
        Assert.StartsWith("1 INVITE of ", cause.Summary);
        Assert.Contains("other calls were answered", cause.Summary);
    }

    // The capture runs on past timer B.
    private static Task<AnalysisResult> AnalyzeAsync(List<(long Ns, byte[] Frame)> frames)
    {
        ushort id = 60000;
        frames.Add((frames.Max(f => f.Ns) + 40 * SecondNs, Udp("10.10.0.1", Pbx, "x", ref id)));
        return SyntheticAnalysis.RunAsync(frames);
    }

    private static byte[] Udp(string from, string to, string payload, ref ushort id) =>
        Ethernet(0x0800, Ipv4(17, from, to, PacketBuilder.Udp(5060, 5060, Ascii(payload)), id++));

    private static string Request(string method, string from, string callId, int n, string branch = "b") =>
        $"{method} sip:{(method == "REGISTER" ? "" : "8000@")}{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {from}:5060;branch=z9hG4bK-{branch}{n}\r\n" +
        $"From: <sip:{1000 + n}@{Pbx}>;tag=t{n}\r\nTo: <sip:{(method == "REGISTER" ? 1000 + n : 8000)}@{Pbx}>\r\nCall-ID: {callId}\r\n" +
        $"CSeq: 1 {method}\r\nContact: <sip:{1000 + n}@{from}:5060>\r\nUser-Agent: phone\r\nContent-Length: 0\r\n\r\n";

    private static string Response(string status, string method, string client, string callId, int n, string branch = "b") =>
        $"SIP/2.0 {status}\r\nVia: SIP/2.0/UDP {client}:5060;branch=z9hG4bK-{branch}{n}\r\n" +
        $"From: <sip:{1000 + n}@{Pbx}>;tag=t{n}\r\nTo: <sip:{(method == "REGISTER" ? 1000 + n : 8000)}@{Pbx}>;tag=s{n}\r\nCall-ID: {callId}\r\n" +
        $"CSeq: 1 {method}\r\nContact: <sip:{1000 + n}@{client}:5060>;expires=3600\r\nContent-Length: 0\r\n\r\n";
}
