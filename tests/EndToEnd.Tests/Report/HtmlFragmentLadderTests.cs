using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// The lab's fragments-dropped scenario as an <c>--html</c> page: the INVITE that never arrived whole is drawn as
/// what each capture point saw of it — whole as far as router 1's lan-b, a cross before lan-a, its first fragment
/// alone reaching the PBX, the PBX's ICMP reassembly timeouts coming back — with tshark's frames.
/// </summary>
public class HtmlFragmentLadderTests
{
    [Fact]
    public void The_invite_is_drawn_whole_up_to_where_its_fragments_die_and_in_part_beyond()
    {
        var scenario = LabScenario.Load("fragments-dropped");
        using var folder = new TempFolder();
        string page = folder.File("report.html");
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, scenario.Router1!, "--no-progress", "--html", page);
        Assert.Equal(0, run.ExitCode);
        var report = new HtmlReportPage(File.ReadAllText(page));
        // The call's INVITE, as tshark reassembles it on lan-b; the REGISTER that never arrived whole has a ladder too.
        string callId = Tshark.Fields(scenario.Router1!, "sip.Method", "sip.Call-ID").First(r => r[0] == "INVITE")[1];
        Assert.Equal(2, report.Ladders.Count(l => l.Title.Contains("never arrived whole", StringComparison.Ordinal)));
        // The cause's pictures are its messages' ladders alone: the REGISTER's transaction ladder would draw the copy
        // seen whole on lan-b reaching the PBX.
        Assert.Equal(2, report.Ladders.Count);
        var svg = report.Ladder($"Call-ID {callId} — never arrived whole");
        var arrows = HtmlReportPage.Arrows(svg);
        var lanes = svg.Elements("g").Where(g => ((string?)g.Attribute("class"))?.Contains("point") == true)
            .ToDictionary(g => (string)g.Attribute("data-name")!, g => HtmlReportPage.X(g, "data-x"));
        double server = HtmlReportPage.X(svg, "data-server-x");

        // Whole on lan-b (tshark reassembles it there, six copies), lost before lan-a.
        var whole = Assert.Single(arrows, a => ((string)a.Attribute("data-label")!).StartsWith("INVITE (", StringComparison.Ordinal));
        Assert.Equal("true", (string?)whole.Attribute("data-lost"));
        Assert.InRange(HtmlReportPage.X(whole, "data-end-x"), lanes["router1#lan-b"] + 1, lanes["router1#lan-a"] - 1);
        int reassembled = Tshark.Fields(scenario.Router1!, "frame.interface_name", "sip.Method", "icmp.type")
            .Count(r => r[0] == "lan-b" && r[1] == "INVITE" && r[2].Length == 0);
        Assert.Equal(reassembled.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)whole.Attribute("data-copies"));

        // The first fragment alone reaches the PBX; at the uplink it is every frame of the INVITE's source there.
        var part = Assert.Single(arrows, a => (string?)a.Attribute("data-label") == "INVITE: first fragment only");
        Assert.Equal("false", (string?)part.Attribute("data-lost"));
        Assert.Equal(server, HtmlReportPage.X(part, "data-end-x"));
        var firstFragments = Tshark.Fields(scenario.PbxUplink, "frame.number", "ip.src", "ip.flags.mf", "ip.frag_offset", "icmp.type")
            .Where(r => r[1] == "192.168.1.20" && r[2] == "1" && r[3] == "0" && r[4].Length == 0).Select(r => "0:" + r[0]).ToList();
        Assert.Equal(6, firstFragments.Count);
        var frames = ((string)part.Attribute("data-frames")!).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Subset(frames.ToHashSet(), firstFragments.ToHashSet());

        var icmp = Assert.Single(arrows, a => (string?)a.Attribute("data-kind") == "icmp");
        Assert.Contains("reassembly time exceeded", (string)icmp.Attribute("data-label")!);
        Assert.Equal(server, HtmlReportPage.X(icmp, "data-start-x"));
    }
}
