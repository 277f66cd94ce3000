using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// An ICMP error about one copy of a request whose next copy got through and was answered: path MTU discovery at
/// work (the sender learns the smaller MTU and fragments), or a router that could not deliver one packet for a
/// moment (an ARP lookup that failed). The exchange worked: a note, never an error — an error here cried wolf on
/// every network with a tunnel, where the phones register fine.
/// </summary>
public class RecoveredIcmpTests
{
    private const string Phone = "10.20.0.5", Pbx = "10.10.0.10", Router = "10.20.0.1";
    private const long MsNs = 1_000_000;

    /// <summary>The lab's mtu-discovery scenario: router 1's link to the PBX has an MTU of 1300.</summary>
    [Fact]
    public async Task The_lab_phone_that_learned_the_path_mtu_and_registered_gets_a_note_not_an_error()
    {
        string dir = PathHarness.Fixture("lab", "mtu-discovery");
        var result = await new Analysis(new AnalysisOptions()).RunAsync(
            [CaptureInput.ForFile(Path.Combine(dir, "pbx-uplink.pcap")), CaptureInput.ForFile(Path.Combine(dir, "router1.pcapng"))]);

        Assert.DoesNotContain(result.Findings, f => f.Severity != Severity.Info);
        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKind.IcmpError);
        Assert.Equal("192.168.1.21:5060", finding.Client); // phone 1002, whose first REGISTER is 1.4 kB
        var evidence = Assert.IsType<IcmpErrorEvidence>(finding.Evidence);
        Assert.True(evidence.Recovered);
        Assert.True(evidence.TooBig);
        Assert.False(evidence.RequestUndelivered);
        Assert.Contains("learned the smaller path MTU", finding.Explanation);
        // Nothing was lost in the end: no "last seen … lost beyond them" about the answer that arrived.
        Assert.DoesNotContain("lost beyond", finding.Explanation);
        var cause = Assert.Single(result.Causes);
        Assert.Equal(Severity.Info, cause.Severity);
        Assert.StartsWith("Nothing broke", cause.Fix);
        Assert.Contains("MTU", cause.Fix);
    }

    /// <summary>
    /// The first copy refused, the second answered: a note. Every copy refused: an error — the control, with the
    /// same packets.
    /// </summary>
    [Theory]
    [InlineData(3, 4, true)]   // fragmentation needed: the next copy went in fragments
    [InlineData(3, 1, true)]   // host unreachable once: an ARP lookup that failed
    [InlineData(3, 4, false)]
    [InlineData(3, 1, false)]
    public async Task A_copy_refused_and_made_up_for_is_a_note_and_every_copy_refused_an_error(byte type, byte code, bool answered)
    {
        var frames = new List<(long, byte[])>();
        ushort id = 1;
        long t = SyntheticCapture.StartNs;
        for (int copy = 0; copy < 3; copy++, t += 500 * MsNs)
        {
            var ip = Ipv4(17, Phone, Pbx, Udp(5060, 5060, Ascii(Sip($"REGISTER sip:{Pbx} SIP/2.0"))), id++);
            frames.Add((t, Ethernet(0x0800, ip)));
            if (answered && copy > 0)
            {
                frames.Add((t + 2 * MsNs, Ethernet(0x0800, Ipv4(17, Pbx, Phone, Udp(5060, 5060, Ascii(Sip("SIP/2.0 200 OK"))), id++))));
                break;
            }
            frames.Add((t + MsNs / 10, Ethernet(0x0800, Ipv4(1, Router, Phone, Icmp(type, code, 1400, ip[..(20 + 64)]), id++))));
        }
        // The capture runs on past timer F.
        frames.Add((t + 40_000 * MsNs, Ethernet(0x0800, Ipv4(17, Router, Pbx, Udp(9, 9, [0]), id++))));
        var result = await SyntheticAnalysis.RunAsync(frames);

        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKind.IcmpError);
        Assert.Equal(answered, Assert.IsType<IcmpErrorEvidence>(finding.Evidence).Recovered);
        Assert.Equal(answered ? Severity.Info : Severity.Error, finding.Severity);
        Assert.Equal(answered ? Severity.Info : Severity.Error, Assert.Single(result.Causes).Severity);
        if (answered) Assert.Contains("was answered 200 (frame", finding.Explanation);
    }

    private static string Sip(string firstLine) =>
        $"{firstLine}\r\nVia: SIP/2.0/UDP {Phone}:5060;branch=z9hG4bK-rec1\r\nFrom: <sip:1001@{Pbx}>;tag=a1\r\n" +
        $"To: <sip:1001@{Pbx}>{(firstLine.StartsWith("SIP/", StringComparison.Ordinal) ? ";tag=pbx" : "")}\r\nCall-ID: rec-1@{Phone}\r\nCSeq: 1 REGISTER\r\n" +
        $"Contact: <sip:1001@{Phone}:5060>;expires=60\r\nContent-Length: 0\r\n\r\n";
}
