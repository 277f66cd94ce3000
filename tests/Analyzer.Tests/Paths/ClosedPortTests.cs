using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.TestFrames;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// A port unreachable sent by the addressed host itself says nothing listens there — no router dropped anything —
/// and the report must not send the reader to check routes for it.
/// </summary>
public class ClosedPortTests
{
    [Theory]
    [InlineData("192.168.1.20", 3, 3, true)]   // the addressed host: its port is closed
    [InlineData("192.168.0.1", 3, 3, false)]   // a router or firewall rejecting what it forwards
    [InlineData("192.168.1.20", 3, 1, false)]  // host unreachable is never the host's own word
    public void A_closed_port_is_one_the_addressed_host_itself_reports(string reporter, byte type, byte code, bool closed)
    {
        var evidence = new IcmpEvidence();
        var error = IcmpError("02:00:00:00:00:01", "02:00:00:00:00:10", reporter, "192.168.0.10", type, code,
                              "192.168.0.10", 5060, "192.168.1.20", 5060, 1);
        evidence.Observe(0, 0, 1, 0, in error);
        Assert.Equal(closed, evidence.Errors[0].FromClosedPort);
    }

    [Fact]
    public async Task A_client_that_no_longer_listens_is_a_warning_about_the_client_not_a_route()
    {
        // metasploit's spoofed INVITE: the phone answers 180 to the port the Via names, and the sender's host
        // answers that with port unreachable (tshark: the ICMP's source is the address its quoted packet went to).
        string path = Fixtures.PathOf("public/wireshark-wiki/metasploit-sip-invite-spoof.pcap");
        var icmp = Tshark.Run("-r", path, "-Y", "icmp.type == 3 && icmp.code == 3", "-T", "fields", "-e", "ip.src", "-e", "ip.dst", "-e", "udp.dstport")
            .Output.Trim().Split('\t');
        var outer = icmp[0].Split(',');
        var inner = icmp[1].Split(',');
        Assert.Equal(outer[0], inner[^1]);
        string closed = $"{inner[^1]}:{icmp[2].Split(',')[^1]}";

        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);

        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKind.IcmpError);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.StartsWith($"Nothing listens on {closed}: the client itself answered the 180", finding.Summary);
        var evidence = Assert.IsType<IcmpErrorEvidence>(finding.Evidence);
        Assert.Equal(closed, evidence.ClosedEndpoint);
        Assert.True(evidence.ClosedAtClient);
        var cause = Assert.Single(result.Causes);
        Assert.Equal(CauseKind.NetworkError, cause.Kind);
        Assert.DoesNotContain("routing", cause.Fix);
        Assert.Contains(closed, cause.Fix);
    }
}
