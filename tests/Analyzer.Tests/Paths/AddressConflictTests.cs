using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// A device that took the router's address: the server's route is right, but its ARP entry for the gateway holds the
/// impostor, which drops the replies. One cause that names both MACs and says to take the address off the impostor,
/// at a site's scale with a scanner running; a failover that moves the address and keeps delivering is no conflict.
/// </summary>
public class AddressConflictTests
{
    private const string Pbx = "10.10.0.10", Gateway = "10.10.0.1";
    private const long MsNs = 1_000_000, SecondNs = 1000 * MsNs;
    private static readonly byte[] PbxMac = [0x02, 0, 0, 0, 0, 0x10], RouterMac = [0x02, 0, 0, 0, 0, 0x01], OtherMac = [0x02, 0, 0, 0, 0, 0xfe];

    [Fact]
    public async Task A_thousand_phones_whose_replies_go_to_a_device_holding_the_router_s_address_are_one_address_conflict()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        frames.Add((SyntheticCapture.StartNs - SecondNs, Announce(RouterMac)));
        for (int s = 0; s < 60; s++) frames.Add((SyntheticCapture.StartNs - SecondNs / 2 + s * SecondNs, Announce(OtherMac)));
        for (int i = 0; i < 1000; i++)
        {
            string phone = $"10.20.{i / 250}.{i % 250 + 2}";
            long at = SyntheticCapture.StartNs + i * 20 * MsNs;
            for (int copy = 0; copy < 5; copy++)
            {
                long sent = at + copy * 500 * MsNs * (1 << copy);
                frames.Add((sent, EthernetBetween(RouterMac, PbxMac, 0x0800, Ipv4(17, phone, Pbx, Udp(5060, 5060, Ascii(Register(phone, i))), id++, ttl: 63))));
                frames.Add((sent + MsNs, EthernetBetween(PbxMac, OtherMac, 0x0800, Ipv4(17, Pbx, phone, Udp(5060, 5060, Ascii(Challenge(phone, i))), id++))));
            }
        }
        int n = 0;
        foreach (string scanner in ScanSources.Addresses(1500))
        {
            var register = ScanSources.AsScanner(Register(scanner, 5000 + n));
            frames.Add((SyntheticCapture.StartNs + n++ * 10 * MsNs, EthernetBetween(RouterMac, PbxMac, 0x0800, Ipv4(17, scanner, Pbx, Udp(5060, 5060, Ascii(register)), id++, ttl: 50))));
        }
        var result = await AnalyzeAsync(frames);

        var cause = Assert.Single(result.Causes, c => c.Severity == Severity.Error);
        Assert.Equal(CauseKind.AddressConflict, cause.Kind);
        Assert.Equal(1000, cause.ClientCount);
        Assert.StartsWith($"Two devices claim {Gateway} on {Pbx}'s link: 02:00:00:00:00:01, where the requests", cause.Summary);
        Assert.Contains("Find the device with MAC 02:00:00:00:00:fe", cause.Fix);
        Assert.Contains("The route on", cause.Fix);
        Assert.Contains($"arp.src.proto_ipv4 == {Gateway}", cause.WiresharkFilter);
        Assert.All(cause.Findings, f => Assert.Equal(FindingKind.ResponseWrongGateway, f.Kind));
        Assert.Contains("an address conflict, not a route", cause.Findings[0].Explanation);
        Assert.True(cause.Findings.Count <= FindingCap.MaxPerKind + 1, $"{cause.Findings.Count} findings");
        Assert.Contains(result.Causes, c => c.Kind == CauseKind.SipScan && c.Severity != Severity.Error);
    }

    /// <summary>
    /// The gateway's address moves to a standby router (a failover announces it) and the replies, through it, arrive:
    /// no error; the mission's wrong gateway (another address altogether) stays a wrong route.
    /// </summary>
    [Theory]
    [InlineData(true, null)]
    [InlineData(false, CauseKind.WrongGatewayRoute)]
    public async Task A_failover_that_delivers_is_no_conflict_and_another_gateway_is_a_route(bool failover, CauseKind? expected)
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        frames.Add((SyntheticCapture.StartNs - SecondNs, Announce(RouterMac)));
        frames.Add((SyntheticCapture.StartNs - SecondNs / 2, failover ? Announce(OtherMac)
            : EthernetBetween(OtherMac, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 0x0806, Arp(2, OtherMac, "10.10.0.254", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], "10.10.0.254"))));
        for (int i = 0; i < 5; i++)
        {
            string phone = $"10.20.0.{i + 2}";
            long at = SyntheticCapture.StartNs + i * 20 * MsNs;
            frames.Add((at, EthernetBetween(RouterMac, PbxMac, 0x0800, Ipv4(17, phone, Pbx, Udp(5060, 5060, Ascii(Register(phone, i))), id++, ttl: 63))));
            frames.Add((at + MsNs, EthernetBetween(PbxMac, OtherMac, 0x0800, Ipv4(17, Pbx, phone, Udp(5060, 5060, Ascii(Challenge(phone, i))), id++))));
            if (failover) continue; // answered: the phone moves on (its next REGISTER would carry credentials)
            for (int copy = 1; copy < 4; copy++)
                frames.Add((at + copy * 500 * MsNs * (1 << copy), EthernetBetween(RouterMac, PbxMac, 0x0800, Ipv4(17, phone, Pbx, Udp(5060, 5060, Ascii(Register(phone, i))), id++, ttl: 63))));
        }
        var result = await AnalyzeAsync(frames);

        Assert.DoesNotContain(result.Causes, c => c.Kind == CauseKind.AddressConflict);
        if (expected is { } kind) Assert.Contains(result.Causes, c => c.Kind == kind && c.Severity == Severity.Error);
        else Assert.DoesNotContain(result.Causes, c => c.Severity == Severity.Error);
    }

    // The capture runs on past timer F.
    private static Task<AnalysisResult> AnalyzeAsync(List<(long Ns, byte[] Frame)> frames) =>
        SyntheticAnalysis.RunPastTimersAsync(frames, EthernetBetween(RouterMac, PbxMac, 0x0800, Ipv4(17, "10.30.0.1", Pbx, Udp(5060, 5060, Ascii("x")), 60000, ttl: 63)));

    // A gratuitous ARP: the gateway's address is at this MAC.
    private static byte[] Announce(byte[] mac) =>
        EthernetBetween(mac, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 0x0806, Arp(2, mac, Gateway, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], Gateway));

    private static string Register(string from, int n) =>
        $"REGISTER sip:{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {from}:5060;branch=z9hG4bK-r{n}\r\n" +
        $"From: <sip:{1000 + n}@{Pbx}>;tag=t{n}\r\nTo: <sip:{1000 + n}@{Pbx}>\r\nCall-ID: reg-{n}\r\nCSeq: 1 REGISTER\r\n" +
        $"Contact: <sip:{1000 + n}@{from}:5060>\r\nUser-Agent: phone\r\nContent-Length: 0\r\n\r\n";

    private static string Challenge(string to, int n) =>
        $"SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP {to}:5060;branch=z9hG4bK-r{n}\r\n" +
        $"From: <sip:{1000 + n}@{Pbx}>;tag=t{n}\r\nTo: <sip:{1000 + n}@{Pbx}>;tag=s{n}\r\nCall-ID: reg-{n}\r\nCSeq: 1 REGISTER\r\n" +
        $"WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n{n}\"\r\nContent-Length: 0\r\n\r\n";
}
