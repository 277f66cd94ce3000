using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// A router on the way answers the phones' requests with ICMP "unreachable" (no route to the PBX, a filter, a
/// loop): the requests never reach the PBX. That is the router's fault, one cause however many phones it turns
/// away — never a PBX that "leaves the REGISTERs unanswered", which sent the user to a server that never got them.
/// </summary>
public class RequestUndeliveredTests
{
    private const string Pbx = "10.10.0.10", Router = "10.20.0.1";
    private const long SecondNs = 1_000_000_000;

    /// <summary>
    /// The lab's request-unreachable scenario: router 1 refuses subnet B's REGISTERs (UDP) and SYNs (TCP). What it
    /// refused, and the findings each phone must get where that is seen, are the lab's own record (expected.json's
    /// <c>refused</c>).
    /// </summary>
    [Theory]
    [InlineData(false)] // router 1's capture alone
    [InlineData(true)]  // with the PBX uplink's
    public async Task The_lab_router_that_cannot_reach_the_pbx_is_one_cause_and_the_pbx_is_not_blamed(bool withUplink)
    {
        string dir = PathHarness.Fixture("lab", "request-unreachable");
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        var refused = expected.RootElement.GetProperty("refused");
        string router = $"{refused.GetProperty("by").GetProperty("ip").GetString()} ({refused.GetProperty("by").GetProperty("mac").GetString()})";
        string server = refused.GetProperty("server").GetString()!, subnet = refused.GetProperty("subnet").GetString()!;
        var inputs = new List<CaptureInput> { CaptureInput.ForFile(Path.Combine(dir, "router1.pcapng")) };
        if (withUplink) inputs.Insert(0, CaptureInput.ForFile(Path.Combine(dir, "pbx-uplink.pcap")));
        var result = await new Analysis(new AnalysisOptions()).RunAsync(inputs);

        var cause = Assert.Single(result.Causes);
        Assert.Equal(CauseKind.RequestUndelivered, cause.Kind);
        Assert.Equal(Severity.Error, cause.Severity);
        Assert.Equal(refused.GetProperty("clients").EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal), cause.Clients);
        Assert.StartsWith($"Router {router} cannot deliver the requests of {subnet} to {server}", cause.Summary);
        Assert.Contains(refused.GetProperty("reason").GetString()!, cause.Summary);
        Assert.StartsWith($"On {refused.GetProperty("by").GetProperty("ip").GetString()}, add or correct the route toward {server}", cause.Fix);
        // Both ways a phone fails: no answer over UDP, no connection over TCP.
        Assert.Contains("REGISTER", cause.Symptom);
        Assert.Contains("over TCP", cause.Symptom);
        // The desk phone on the PBX's own link registered: only visible with the uplink's capture.
        Assert.Equal(withUplink ? ["192.168.0.30:5060"] : [], cause.HealthyClients);

        // Each phone gets the findings the lab expects where the refusals are seen, all in this one cause.
        foreach (var client in refused.GetProperty("expected_findings").EnumerateObject())
            Assert.Equal(client.Value.EnumerateArray().Select(f => f.GetString()!).Order(StringComparer.Ordinal),
                cause.Findings.Where(f => f.Client == client.Name)
                    .Select(f => $"{FindingKinds.WireName(f.Kind)}:{f.Severity.ToString().ToLowerInvariant()}").Order(StringComparer.Ordinal));
        Assert.All(cause.Findings.Where(f => f.Kind == FindingKind.IcmpError),
            f => Assert.True(Assert.IsType<IcmpErrorEvidence>(f.Evidence).RequestUndelivered));
        // The UDP phone's unanswered REGISTER is the refusals' consequence, and says so.
        var unanswered = Assert.Single(cause.Findings, f => f.Kind == FindingKind.RegisterUnanswered);
        Assert.EndsWith($"It never reached the server: router {router} on the way answered it with ICMP errors (icmp-error).", unanswered.Explanation);
        // No guess about the server's route back or silence beside it: the server never got the request.
        Assert.DoesNotContain("route back", unanswered.Explanation);
    }

    [Fact]
    public async Task From_the_pbx_uplink_alone_nothing_is_wrong()
    {
        var result = await new Analysis(new AnalysisOptions()).RunAsync(
            [CaptureInput.ForFile(PathHarness.Fixture("lab", "request-unreachable", "pbx-uplink.pcap"))]);
        Assert.Empty(result.Causes);
    }

    /// <summary>
    /// What the router says decides the fix: no route, a filter or a loop. An MTU (fragmentation needed), a
    /// receiver's reassembly timeout and a redirect (delivered anyway) are not a request turned away.
    /// </summary>
    [Theory]
    [InlineData(3, 0, "add or correct the route toward")]
    [InlineData(3, 1, "add or correct the route toward")]
    [InlineData(3, 13, "A filter on 10.20.0.1 rejects them")]
    [InlineData(11, 0, "The requests loop until their TTL runs out")]
    [InlineData(3, 4, null)]
    [InlineData(11, 1, null)]
    [InlineData(5, 1, null)]
    public async Task The_icmp_error_decides_whether_the_request_was_turned_away_and_what_to_fix(byte type, byte code, string? fix)
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        AddRefusedPhone(frames, "10.20.0.5", 0, type, code, ref id);
        var result = await AnalyzeAsync(frames);

        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKind.IcmpError);
        Assert.Equal(fix is not null, Assert.IsType<IcmpErrorEvidence>(finding.Evidence).RequestUndelivered);
        var cause = Assert.Single(result.Causes, c => c.Findings.Contains(finding));
        if (fix is null)
        {
            Assert.NotEqual(CauseKind.RequestUndelivered, cause.Kind);
            return;
        }
        Assert.Equal(CauseKind.RequestUndelivered, cause.Kind);
        Assert.Contains(fix, cause.Fix);
        // The unanswered REGISTER is the router's doing: no cause says the PBX left it unanswered.
        Assert.Single(result.Causes);
        Assert.Contains(cause.Findings, f => f.Kind == FindingKind.RegisterUnanswered);
    }

    /// <summary>
    /// The field's normal case: 2 000 phones behind one router that has lost its route to the PBX, and a scanner
    /// whose 1 500 sources the same router refuses. One cause counts every phone (its findings capped); the scan is its
    /// own cause, and none of its sources is counted as a phone.
    /// </summary>
    [Fact]
    public async Task Two_thousand_phones_turned_away_by_one_router_during_a_scan_are_one_cause()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        for (int i = 0; i < 2000; i++) AddRefusedPhone(frames, $"10.20.{i / 250 + 1}.{i % 250 + 2}", i * SecondNs / 100, 3, 0, ref id);
        for (int i = 0; i < 1500; i++)
        {
            string scanner = $"10.30.{i / 250}.{i % 250 + 2}";
            var register = Ascii($"REGISTER sip:{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {scanner}:5070;branch=z9hG4bK-s{i}\r\n" +
                                 $"From: <sip:100@{Pbx}>;tag=s{i}\r\nTo: <sip:100@{Pbx}>\r\nCall-ID: scan-{i}\r\nCSeq: 1 REGISTER\r\n" +
                                 "User-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n");
            var ip = Ipv4(17, scanner, Pbx, Udp(5070, 5060, register), id++);
            long at = i * SecondNs / 100 + 5_000_000;
            frames.Add((at, Ethernet(0x0800, ip)));
            frames.Add((at + 50_000, Ethernet(0x0800, Ipv4(1, Router, scanner, Icmp(3, 0, 0, ip), id++))));
        }
        var result = await AnalyzeAsync(frames);

        var cause = Assert.Single(result.Causes, c => c.Kind == CauseKind.RequestUndelivered);
        Assert.Equal(2000, cause.ClientCount);
        Assert.DoesNotContain(cause.Clients, c => c.StartsWith("10.30.", StringComparison.Ordinal));
        Assert.True(cause.Findings.Count <= 2 * (FindingCap.MaxPerKind + 1), $"{cause.Findings.Count} findings");
        Assert.Contains(result.Causes, c => c.Kind == CauseKind.SipScan);
        Assert.DoesNotContain(result.Causes, c => c.Kind is CauseKind.ServerSilent or CauseKind.NetworkError);
    }

    // A phone's REGISTER, sent three times (timer E), each answered by the router with the given ICMP error quoting it.
    private static void AddRefusedPhone(List<(long, byte[])> frames, string phone, long startNs, byte type, byte code, ref ushort id)
    {
        string register = $"REGISTER sip:{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-{phone}\r\n" +
                          $"From: <sip:1001@{Pbx}>;tag=a1\r\nTo: <sip:1001@{Pbx}>\r\nCall-ID: reg-{phone}\r\nCSeq: 1 REGISTER\r\n" +
                          $"Contact: <sip:1001@{phone}:5060>\r\nContent-Length: 0\r\n\r\n";
        for (int copy = 0; copy < 3; copy++)
        {
            var ip = Ipv4(17, phone, Pbx, Udp(5060, 5060, Ascii(register)), id++);
            long at = SyntheticCapture.StartNs + startNs + copy * SecondNs / 2;
            frames.Add((at, Ethernet(0x0800, ip)));
            // A redirect names the better gateway in the word after the type and code; the others leave it zero.
            uint rest = type == 5 ? 0x0A140002u : 0;
            frames.Add((at + 100_000, Ethernet(0x0800, Ipv4(1, Router, phone, Icmp(type, code, rest, ip[..Math.Min(ip.Length, 20 + 64)]), id++))));
        }
    }

    // The capture runs on past timer F (32 s), so every REGISTER has timed out.
    private static Task<AnalysisResult> AnalyzeAsync(List<(long Ns, byte[] Frame)> frames)
    {
        long last = frames.Max(f => f.Ns);
        frames.Add((last + 40 * SecondNs, Ethernet(0x0800, Ipv4(17, Router, Pbx, Udp(9, 9, [0]), 1))));
        return SyntheticAnalysis.RunAsync(frames);
    }
}
