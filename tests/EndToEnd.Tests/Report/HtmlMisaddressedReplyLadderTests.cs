using System.Globalization;
using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// Answers sent to the Via's port past a NAT, as an <c>--html</c> page. The lab's nat-no-rport scenario: router 1
/// gives the phones' REGISTERs new source ports, and the PBX answers the phones without rport at port 5060. The
/// client column is named by where the REGISTER came from, so the lost 401's arrow says where it went instead,
/// with the copies tshark counts.
/// </summary>
public class HtmlMisaddressedReplyLadderTests
{
    [Fact]
    public void A_lost_answer_sent_to_the_via_port_says_where_it_went()
    {
        var scenario = LabScenario.Load("nat-no-rport");
        using var folder = new TempFolder();
        string page = folder.File("report.html");
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, "--no-progress", "--html", page);
        Assert.Equal(0, run.ExitCode);
        var report = new HtmlReportPage(File.ReadAllText(page));
        var rows = Tshark.Fields(scenario.PbxUplink, "sip.Status-Code", "udp.srcport", "udp.dstport", "sip.Call-ID", "ip.dst");

        var failing = scenario.Clients.Where(c => !c.Completed && c.Transport == "udp").ToList();
        Assert.Equal(2, failing.Count);
        foreach (var client in failing)
        {
            string atPbx = scenario.AtPbx(client);
            string port = atPbx[(atPbx.LastIndexOf(':') + 1)..];
            string nat = atPbx[..atPbx.LastIndexOf(':')];
            // The REGISTERs came from the NAT's port; every 401 went to another port of the same address.
            var callId = Assert.Single(rows.Where(r => r[0].Length == 0 && r[1] == port).Select(r => r[3]).Distinct());
            // A 401 inside an ICMP error (the NAT's port unreachable quoting it) shows two addresses: not a copy sent.
            var challenges = rows.Where(r => r[0] == "401" && r[3] == callId && !r[4].Contains('|')).ToList();
            Assert.NotEmpty(challenges);
            var to = Assert.Single(challenges.Select(r => r[2]).Distinct());
            Assert.NotEqual(port, to);
            Assert.All(challenges, r => Assert.Equal(nat, r[4]));

            var svg = report.Ladder(atPbx);
            var answer = Assert.Single(HtmlReportPage.Arrows(svg), a => (string?)a.Attribute("data-label") == "401 Unauthorized");
            Assert.Equal("true", (string?)answer.Attribute("data-lost"));
            Assert.Equal(challenges.Count.ToString(CultureInfo.InvariantCulture), (string?)answer.Attribute("data-copies"));
            Assert.Contains($"to :{to} (Via), not :{port}", answer.Value);
        }
    }
}
