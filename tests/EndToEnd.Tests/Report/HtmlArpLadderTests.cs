using System.Globalization;
using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// A server that looks for the phones on its own link, as an <c>--html</c> page (the lab's wide-netmask scenario):
/// every failing phone's ladder — the UDP registrations and the TCP connection that never came up — shows the PBX's
/// ARP requests for that phone as one crossed arrow short of the client, counted as tshark counts them.
/// </summary>
public class HtmlArpLadderTests
{
    [Fact]
    public void Each_failing_phone_s_ladder_shows_the_server_s_unanswered_arp_for_it()
    {
        var scenario = LabScenario.Load("wide-netmask");
        using var folder = new TempFolder();
        string page = folder.File("report.html");
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, "--no-progress", "--html", page);
        Assert.Equal(0, run.ExitCode);
        var report = new HtmlReportPage(File.ReadAllText(page));
        var asked = Tshark.Fields(scenario.PbxUplink, "arp.opcode", "arp.src.proto_ipv4", "arp.dst.proto_ipv4")
            .Where(r => r[0] == "1" && r[1] == "192.168.0.10").GroupBy(r => r[2]).ToDictionary(g => g.Key, g => g.Count());

        var failing = scenario.Clients.Where(c => !c.Completed).ToList();
        Assert.Equal(3, failing.Count);
        foreach (var client in failing)
        {
            string ip = client.Client[..client.Client.LastIndexOf(':')];
            var svg = report.Ladder(client.Client);
            var arp = Assert.Single(HtmlReportPage.Arrows(svg), a => (string?)a.Attribute("data-kind") == "arp");
            Assert.Equal($"ARP who has {ip}?", (string?)arp.Attribute("data-label"));
            Assert.Equal(asked[ip].ToString(CultureInfo.InvariantCulture), (string?)arp.Attribute("data-copies"));
            Assert.Equal("true", (string?)arp.Attribute("data-lost"));
            double end = HtmlReportPage.X(arp, "data-end-x");
            Assert.True(end < HtmlReportPage.X(svg, "data-server-x") && end > HtmlReportPage.X(svg, "data-client-x"), $"{client.Client}: ends at {end}");
        }
    }
}
