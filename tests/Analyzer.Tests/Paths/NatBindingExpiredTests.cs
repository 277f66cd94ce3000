using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// Phones registered through one NAT, called a minute later: the calls the NAT refuses (its bindings expired) are one
/// cause about the NAT, at a site's scale with a scanner running; calls that ring are nothing, and a phone that
/// registered with no NAT on the way is never said to have lost a binding.
/// </summary>
public class NatBindingExpiredTests
{
    private const string Pbx = "10.10.0.10", Nat = "203.0.113.1";
    private const long MsNs = 1_000_000, SecondNs = 1000 * MsNs;

    [Fact]
    public async Task A_thousand_phones_behind_one_nat_whose_calls_it_refuses_during_a_scan_are_one_cause()
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        for (int i = 0; i < 1000; i++)
        {
            string phone = $"10.20.{i / 250}.{i % 250 + 2}";
            ushort port = (ushort)(40000 + i);
            long at = SyntheticCapture.StartNs + i * 10 * MsNs;
            frames.Add((at, Udp(Nat, port, Pbx, 5060, Register(phone, i), ref id)));
            frames.Add((at + MsNs, Udp(Pbx, 5060, Nat, port, Ok(phone, i), ref id)));
            long call = at + 60 * SecondNs;
            var invite = Udp(Pbx, 5060, Nat, port, Invite(i), ref id);
            if (i % 5 < 3)
            {
                frames.Add((call, invite));
                frames.Add((call + MsNs, Udp(Nat, port, Pbx, 5060, Ringing(i), ref id)));
                continue;
            }
            // The NAT forgot this phone: every copy of the INVITE comes back as port unreachable from its address.
            for (int copy = 0; copy < 4; copy++)
            {
                long sent = call + copy * 500 * MsNs * (1 << copy);
                frames.Add((sent, invite));
                frames.Add((sent + MsNs, Ethernet(0x0800, Ipv4(1, Nat, Pbx, Icmp(3, 3, 0, invite[14..]), id++))));
            }
        }
        int n = 0;
        foreach (string scanner in ScanSources.Addresses(1500))
            frames.Add((SyntheticCapture.StartNs + n * 10 * MsNs, Udp(scanner, 5060, Pbx, 5060, ScanSources.AsScanner(Register(scanner, 5000 + n++)), ref id)));
        ushort last = 60000;
        var result = await SyntheticAnalysis.RunPastTimersAsync(frames, Udp("10.30.0.1", 5060, Pbx, 5060, "x", ref last));

        var cause = Assert.Single(result.Causes, c => c.Severity == Severity.Error);
        Assert.Equal(CauseKind.NatBindingExpired, cause.Kind);
        Assert.Equal(400, cause.ClientCount);
        Assert.All(cause.Clients, c => Assert.StartsWith(Nat + ":", c));
        Assert.Contains($"through the NAT at {Nat}", cause.Summary);
        Assert.Contains("(it answers ICMP port unreachable)", cause.Summary);
        Assert.Contains("keepalives", cause.Fix);
        var evidence = Assert.IsType<NatBindingExpiredEvidence>(cause.Findings[0].Evidence);
        Assert.InRange(evidence.IdleSeconds, 59.9, 60.1);
        Assert.Equal(4, evidence.IcmpErrors);
        Assert.True(cause.Findings.Count <= FindingCap.MaxPerKind + 1, $"{cause.Findings.Count} findings");
        Assert.DoesNotContain(result.Findings, f => f.Kind is FindingKind.InviteUnanswered or FindingKind.IcmpError);
        Assert.Contains(result.Causes, c => c.Kind == CauseKind.SipScan && c.Severity != Severity.Error);
    }

    /// <summary>
    /// A phone that registered with no NAT on the way never lost a binding; an OPTIONS ping the NAT refuses is a
    /// keepalive to a phone that may be gone, no finding, as elsewhere.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_nat_on_the_way_or_a_refused_ping_is_no_lost_binding(bool pingThroughNat)
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        string phone = pingThroughNat ? Nat : "10.20.0.9";
        long at = SyntheticCapture.StartNs;
        frames.Add((at, Udp(phone, 5060, Pbx, 5060, Register("10.20.0.9", 9), ref id)));
        frames.Add((at + MsNs, Udp(Pbx, 5060, phone, 5060, Ok("10.20.0.9", 9), ref id)));
        var invite = Udp(Pbx, 5060, phone, 5060, pingThroughNat ? Invite(9).Replace("INVITE", "OPTIONS") : Invite(9), ref id);
        for (int copy = 0; copy < 4; copy++)
        {
            long sent = at + 60 * SecondNs + copy * 500 * MsNs * (1 << copy);
            frames.Add((sent, invite));
            frames.Add((sent + MsNs, Ethernet(0x0800, Ipv4(1, phone, Pbx, Icmp(3, 3, 0, invite[14..]), id++))));
        }
        ushort last = 60000;
        var result = await SyntheticAnalysis.RunPastTimersAsync(frames, Udp("10.30.0.1", 5060, Pbx, 5060, "x", ref last));

        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.NatBindingExpired);
        Assert.DoesNotContain(result.Causes, c => c.Kind == CauseKind.NatBindingExpired);
    }

    private static byte[] Udp(string from, ushort fromPort, string to, ushort toPort, string payload, ref ushort id) =>
        Ethernet(0x0800, Ipv4(17, from, to, PacketBuilder.Udp(fromPort, toPort, Ascii(payload)), id++));

    private static string Register(string phone, int n) =>
        $"REGISTER sip:{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-r{n};rport\r\n" +
        $"From: <sip:{1000 + n}@{Pbx}>;tag=t{n}\r\nTo: <sip:{1000 + n}@{Pbx}>\r\nCall-ID: reg-{n}\r\nCSeq: 1 REGISTER\r\n" +
        $"Contact: <sip:{1000 + n}@{phone}:5060>\r\nUser-Agent: phone\r\nContent-Length: 0\r\n\r\n";

    private static string Ok(string phone, int n) =>
        $"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-r{n};rport\r\n" +
        $"From: <sip:{1000 + n}@{Pbx}>;tag=t{n}\r\nTo: <sip:{1000 + n}@{Pbx}>;tag=s{n}\r\nCall-ID: reg-{n}\r\nCSeq: 1 REGISTER\r\n" +
        $"Contact: <sip:{1000 + n}@{phone}:5060>;expires=3600\r\nContent-Length: 0\r\n\r\n";

    private static string Invite(int n) =>
        $"INVITE sip:{1000 + n}@10.20.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP {Pbx}:5060;branch=z9hG4bK-i{n}\r\n" +
        $"From: <sip:2001@{Pbx}>;tag=c{n}\r\nTo: <sip:{1000 + n}@{Pbx}>\r\nCall-ID: call-{n}\r\nCSeq: 1 INVITE\r\n" +
        $"Contact: <sip:2001@{Pbx}:5060>\r\nContent-Length: 0\r\n\r\n";

    private static string Ringing(int n) =>
        $"SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP {Pbx}:5060;branch=z9hG4bK-i{n}\r\n" +
        $"From: <sip:2001@{Pbx}>;tag=c{n}\r\nTo: <sip:{1000 + n}@{Pbx}>;tag=p{n}\r\nCall-ID: call-{n}\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
}
