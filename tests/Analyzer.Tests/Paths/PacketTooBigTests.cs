using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Tests.Support;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// A REGISTER sent with Don't Fragment that a router on the way cannot forward whole: the router answers ICMP
/// "fragmentation needed" naming its link's MTU. That is an MTU on the way, not a route — the cause's fix must not
/// send the user to a routing table.
/// </summary>
public class PacketTooBigTests
{
    private const string Phone = "10.20.0.5", Pbx = "10.10.0.10", Router = "10.20.0.1";

    [Theory]
    [InlineData(4, true)]  // fragmentation needed: the MTU
    [InlineData(1, false)] // host unreachable: a route after all
    public async Task Fragmentation_needed_is_an_mtu_on_the_way_and_the_fix_says_so(byte code, bool tooBig)
    {
        string register = $"REGISTER sip:{Pbx} SIP/2.0\r\nVia: SIP/2.0/UDP {Phone}:5060;branch=z9hG4bK-mtu1\r\n" +
                          $"From: <sip:1001@{Pbx}>;tag=a1\r\nTo: <sip:1001@{Pbx}>\r\nCall-ID: mtu-1@{Phone}\r\nCSeq: 1 REGISTER\r\n" +
                          $"Contact: <sip:1001@{Phone}:5060>\r\nContent-Length: 0\r\n\r\n";
        var frames = new List<(long, byte[])>();
        for (int copy = 0; copy < 3; copy++)
        {
            var ip = Ipv4(17, Phone, Pbx, Udp(5060, 5060, Ascii(register)), (ushort)(10 + copy));
            long at = SyntheticCapture.StartNs + copy * 500_000_000L;
            frames.Add((at, Ethernet(0x0800, ip)));
            // The router quotes the packet's IP header and the first bytes of what it carried; 1400 is its link's MTU.
            frames.Add((at + 1_000_000, Ethernet(0x0800, Ipv4(1, Router, Phone, Icmp(3, code, 1400, ip[..(20 + 64)]), (ushort)(90 + copy)))));
        }
        var result = await SyntheticAnalysis.RunAsync(frames);

        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKind.IcmpError);
        Assert.Equal(tooBig, Assert.IsType<IcmpErrorEvidence>(finding.Evidence).TooBig);
        var cause = Assert.Single(result.Causes, c => c.Findings.Contains(finding));
        Assert.Equal(tooBig, cause.Fix.Contains("MTU", StringComparison.Ordinal));
        if (!tooBig) return;
        // The REGISTER went unanswered because it never crossed that link: one cause, the MTU's, not a silent PBX.
        Assert.Single(result.Causes);
        Assert.Equal(CauseKind.NetworkError, cause.Kind);
        Assert.DoesNotContain("routing", cause.Fix, StringComparison.Ordinal);
        var unanswered = Assert.Single(cause.Findings, f => f.Kind == FindingKind.RegisterUnanswered);
        Assert.Contains("fragmentation needed", unanswered.Explanation);
    }
}
