using System.Globalization;
using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// The lab's request-unreachable scenario as an <c>--html</c> page: router 1 answers the phones' REGISTERs and SYNs
/// with ICMP "network unreachable". Each request ends in a cross past the last point that saw it (drawn reaching
/// the PBX, it said the PBX got it and stayed silent), and the ICMP errors go back to the phone — with the frames
/// tshark counts.
/// </summary>
public class HtmlRefusedRequestLadderTests
{
    [Fact]
    public void Requests_a_router_refused_end_before_the_server_and_its_icmp_goes_back_to_the_phone()
    {
        var scenario = LabScenario.Load("request-unreachable");
        using var folder = new TempFolder();
        string page = folder.File("report.html");
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, scenario.Router1!, "--no-progress", "--html", page);
        Assert.Equal(0, run.ExitCode);
        var report = new HtmlReportPage(File.ReadAllText(page));
        var rows = Tshark.Fields(scenario.Router1!, "frame.number", "ip.src", "sip.Method", "tcp.flags.syn", "icmp.type", "icmp.code");

        // One ladder per phone: the UDP phone's registration, the TCP phone's connection.
        Assert.Equal(2, report.Ladders.Count);
        foreach (var (title, label, phone) in new[] { ("Registration", "REGISTER", "192.168.1.20"), ("TCP 192.168.1.21", "SYN", "192.168.1.21") })
        {
            bool IsRequest(string[] r) => label == "REGISTER" ? r[2] == "REGISTER" : r[3] == "1";
            int sent = rows.Count(r => r[1] == phone && r[4].Length == 0 && IsRequest(r));
            // An ICMP error carries the refused packet: tshark lists the router's address, then the quoted packet's.
            int refused = rows.Count(r => r[1] == $"192.168.1.1|{phone}" && r[4] == "3" && r[5] == "0" && IsRequest(r));
            Assert.True(sent > 0 && refused == sent, $"{phone}: {sent} requests, {refused} refusals");

            var svg = report.Ladder(title);
            var arrows = HtmlReportPage.Arrows(svg);
            double server = HtmlReportPage.X(svg, "data-server-x");
            var request = Assert.Single(arrows, a => (string?)a.Attribute("data-label") == label);
            Assert.Equal("true", (string?)request.Attribute("data-lost"));
            Assert.True(HtmlReportPage.X(request, "data-end-x") < server, $"{label} drawn reaching the server");
            Assert.Equal(sent.ToString(CultureInfo.InvariantCulture), (string?)request.Attribute("data-copies"));

            // Router 1 answered every copy; the errors go back toward the phone.
            var icmp = Assert.Single(arrows, a => (string?)a.Attribute("data-kind") == "icmp");
            Assert.Equal("ICMP network unreachable", (string?)icmp.Attribute("data-label"));
            Assert.True(HtmlReportPage.X(icmp, "data-end-x") < HtmlReportPage.X(icmp, "data-start-x"));
            Assert.Equal(refused.ToString(CultureInfo.InvariantCulture), (string?)icmp.Attribute("data-copies"));
        }
    }
}
