using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// A server whose subnet mask takes in the phones' subnet: their REGISTERs come in through the router, and the server
/// asks ARP for each phone on its own link instead of answering through the router. One cause that says so and what
/// to change, at a site's scale with a scanner running; never said when the phone answers the ARP or when its
/// requests came straight from it.
/// </summary>
public class ClientsTakenOnLinkTests
{
    private const string Pbx = "10.10.0.10";
    private const long MsNs = 1_000_000, SecondNs = 1000 * MsNs;
    private static readonly byte[] PbxMac = [0x02, 0, 0, 0, 0, 0x10], RouterMac = [0x02, 0, 0, 0, 0, 0x01];

    [Fact]
    public async Task A_thousand_phones_behind_the_router_the_server_arps_for_during_a_scan_are_one_cause()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        for (int i = 0; i < 1000; i++)
        {
            string phone = $"10.20.{i / 250}.{i % 250 + 2}";
            long at = SyntheticCapture.StartNs + i * 20 * MsNs;
            for (int copy = 0; copy < 3; copy++)
            {
                long sent = at + copy * 500 * MsNs * (1 << copy);
                frames.Add((sent, Routed(phone, Register(phone, i), ref id)));
                frames.Add((sent + MsNs, ArpRequest(Pbx, phone)));
            }
        }
        int s = 0;
        foreach (string scanner in ScanSources.Addresses(1500))
            frames.Add((SyntheticCapture.StartNs + s * 10 * MsNs, Routed(scanner, ScanSources.AsScanner(Register(scanner, 5000 + s++)), ref id)));
        var result = await AnalyzeAsync(frames);

        var cause = Assert.Single(result.Causes, c => c.Severity == Severity.Error);
        Assert.Equal(CauseKind.ClientsTakenOnLink, cause.Kind);
        Assert.Equal(1000, cause.ClientCount);
        Assert.DoesNotContain(cause.Clients, c => c.StartsWith("45.", StringComparison.Ordinal));
        Assert.Equal("10.20.0.0/22", cause.Subnet?.ToString());
        Assert.StartsWith($"{Pbx} takes 10.20.0.0/22 for its own link: it asks ARP for the clients (3000 requests, none answered)", cause.Summary);
        Assert.Contains("correct the subnet mask", cause.Fix);
        Assert.True(cause.Findings.Count <= FindingCap.MaxPerKind + 1, $"{cause.Findings.Count} findings");
        var f = cause.Findings[0];
        Assert.Equal(3, Assert.IsType<RequestUnansweredEvidence>(f.Evidence).ServerAskedForClient);
        Assert.Contains("asked ARP for", f.Explanation);
        Assert.Contains(result.Causes, c => c.Kind == CauseKind.SipScan && c.Severity != Severity.Error);
    }

    /// <summary>
    /// The server's ARP for a phone that answers it (the phone is on the link), or for a phone whose REGISTERs came
    /// straight from it (no router between): its silence is not a subnet mask, and the cause stays server-silent.
    /// </summary>
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task An_arp_the_phone_answers_or_a_phone_on_the_link_is_no_wrong_mask(bool phoneAnswersArp, bool onLink)
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        const string phone = "10.20.0.9";
        for (int copy = 0; copy < 3; copy++)
        {
            long sent = SyntheticCapture.StartNs + copy * 500 * MsNs * (1 << copy);
            var register = Register(phone, 9);
            frames.Add((sent, onLink ? EthernetBetween([0x02, 0, 0, 0, 0, 0x09], PbxMac, 0x0800, Ipv4(17, phone, Pbx, Udp(5060, 5060, Ascii(register)), id++))
                                     : Routed(phone, register, ref id)));
            frames.Add((sent + MsNs, ArpRequest(Pbx, phone)));
        }
        if (phoneAnswersArp)
            frames.Add((SyntheticCapture.StartNs + 2 * MsNs, EthernetBetween([0x02, 0, 0, 0, 0, 0x09], PbxMac, 0x0806, Arp(2, [0x02, 0, 0, 0, 0, 0x09], phone, PbxMac, Pbx))));
        var result = await AnalyzeAsync(frames);

        Assert.DoesNotContain(result.Causes, c => c.Kind == CauseKind.ClientsTakenOnLink);
        var finding = Assert.Single(result.Findings, x => x.Kind == FindingKind.RegisterUnanswered);
        Assert.Equal(0, Assert.IsType<RequestUnansweredEvidence>(finding.Evidence).ServerAskedForClient);
    }

    // The capture runs on past timer F.
    private static Task<AnalysisResult> AnalyzeAsync(List<(long Ns, byte[] Frame)> frames)
    {
        ushort id = 60000;
        return SyntheticAnalysis.RunPastTimersAsync(frames, Routed("10.30.0.1", "x", ref id));
    }

    // A request forwarded by the router: its MAC, one hop less of TTL.
    private static byte[] Routed(string from, string payload, ref ushort id) =>
        EthernetBetween(RouterMac, PbxMac, 0x0800, Ipv4(17, from, Pbx, Udp(5060, 5060, Ascii(payload)), id++, ttl: 63));

    private static byte[] ArpRequest(string asker, string target) =>
        EthernetBetween(PbxMac, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 0x0806, Arp(1, PbxMac, asker, [0, 0, 0, 0, 0, 0], target));

    private static string Register(string from, int n) =>
        $"REGISTER sip:{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {from}:5060;branch=z9hG4bK-r{n}\r\n" +
        $"From: <sip:{1000 + n}@{Pbx}>;tag=t{n}\r\nTo: <sip:{1000 + n}@{Pbx}>\r\nCall-ID: reg-{n}\r\nCSeq: 1 REGISTER\r\n" +
        $"Contact: <sip:{1000 + n}@{from}:5060>\r\nUser-Agent: phone\r\nContent-Length: 0\r\n\r\n";
}
