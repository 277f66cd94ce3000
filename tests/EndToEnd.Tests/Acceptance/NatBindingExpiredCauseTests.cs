using System.Globalization;
using System.Text.Json;
using PcapSipAnalyzer.EndToEnd.Tests.Report;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The lab's nat-binding-expired scenario against tshark's reading of the same capture: the phone's finding counts the
/// NAT's port unreachables and the phone's silence as tshark's frame times give them, its filter selects exactly the
/// leg to the NAT and the NAT's answers, and the HTML ladder draws that leg (the server and the phone's NAT address).
/// </summary>
public class NatBindingExpiredCauseTests
{
    [Fact]
    public void The_phone_s_finding_counts_what_tshark_sees_and_its_ladder_draws_the_leg_to_the_nat()
    {
        var scenario = LabScenario.Load("nat-binding-expired");
        var phone = scenario.Clients.Single(c => c.Role == "answer");
        string atPbx = scenario.AtPbx(phone);
        string nat = atPbx[..atPbx.LastIndexOf(':')];
        var rows = Tshark.Fields(scenario.PbxUplink, "frame.time_epoch", "ip.src", "ip.dst", "sip.Method", "icmp.type");
        double lastFromPhone = rows.Where(r => r[1] == nat && r[3] == "REGISTER").Max(r => double.Parse(r[0], CultureInfo.InvariantCulture));
        var invites = rows.Where(r => r[2] == nat && r[3] == "INVITE").ToList();
        int refusals = rows.Count(r => r[1].StartsWith(nat + "|", StringComparison.Ordinal) && r[4].StartsWith('3'));
        Assert.NotEmpty(invites);
        double idle = double.Parse(invites[0][0], CultureInfo.InvariantCulture) - lastFromPhone;

        using var folder = new TempFolder();
        string json = folder.File("report.json"), page = folder.File("report.html");
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, "--no-progress", "--json", json, "--html", page);
        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray(), c => c.GetProperty("severity").GetString() == "error");
        Assert.Equal("nat-binding-expired", cause.GetProperty("kind").GetString());
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "nat-binding-expired");
        Assert.Equal(atPbx, finding.GetProperty("client").GetString());
        var details = finding.GetProperty("details");
        Assert.Equal(refusals, details.GetProperty("icmp_errors").GetInt32());
        Assert.Equal(Math.Round(idle, 1), details.GetProperty("idle_seconds").GetDouble(), 1);

        int selected = Tshark.Lines(scenario.PbxUplink, "-Y", finding.GetProperty("wireshark_filter").GetString()!).Count;
        Assert.Equal(invites.Count + refusals, selected);

        var svg = new HtmlReportPage(File.ReadAllText(page)).Ladder("Call leg");
        var arrows = HtmlReportPage.Arrows(svg);
        Assert.Equal(invites.Count.ToString(CultureInfo.InvariantCulture), (string?)Assert.Single(arrows, a => (string?)a.Attribute("data-label") == "INVITE").Attribute("data-copies"));
        Assert.Single(arrows, a => (string?)a.Attribute("data-kind") == "icmp");
    }
}
