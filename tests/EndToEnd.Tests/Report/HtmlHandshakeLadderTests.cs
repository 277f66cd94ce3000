using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// A registration over TCP (wrong-gateway-forward's phone 192.168.1.21, PBX uplink and router 1's two legs): its
/// ladder draws the connection's SYN, SYN-ACK, handshake ACK and both FINs as TCP arrows, citing exactly the frames
/// tshark flags, before the first REGISTER and after the last response; a connection whose handshake failed gets a
/// ladder of its own.
/// </summary>
public class HtmlHandshakeLadderTests
{
    private const string CallId = "reg-1-32342@192.168.1.21";
    private const string Connection = "ip.addr == 192.168.1.21 && tcp.port == 5060";

    [Fact]
    public void A_tcp_registration_s_ladder_draws_its_handshake_and_fins_with_tshark_s_frames()
    {
        var scenario = LabScenario.Load("wrong-gateway-forward");
        using var folder = new TempFolder();
        string page = folder.File("report.html");
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, scenario.Router1!, "--no-progress", "--html", page);
        Assert.Equal(0, run.ExitCode);
        var svg = new HtmlReportPage(File.ReadAllText(page)).Ladder(CallId);
        var arrows = HtmlReportPage.Arrows(svg);
        var tcp = arrows.Where(a => (string?)a.Attribute("data-kind") == "tcp").ToList();
        Assert.Equal(["SYN", "SYN-ACK", "ACK", "FIN", "FIN"], tcp.Select(a => (string)a.Attribute("data-label")!));

        var syns = Frames(scenario, $"tcp.flags.syn == 1 && {Connection}");
        Assert.NotEmpty(syns);
        Assert.Equal(syns, tcp.Where(a => ((string)a.Attribute("data-label")!).StartsWith("SYN", StringComparison.Ordinal)).SelectMany(FramesOf).Order());
        Assert.Equal(Frames(scenario, $"tcp.flags.fin == 1 && {Connection}"),
            tcp.Where(a => (string?)a.Attribute("data-label") == "FIN").SelectMany(FramesOf).Order());

        double client = HtmlReportPage.X(svg, "data-client-x"), server = HtmlReportPage.X(svg, "data-server-x");
        var syn = tcp[0];
        Assert.Equal(client, HtmlReportPage.X(syn, "data-start-x"));
        Assert.Equal(server, HtmlReportPage.X(syn, "data-end-x"));
        Assert.Equal(server, HtmlReportPage.X(tcp[1], "data-start-x"));
        Assert.Equal(client, HtmlReportPage.X(tcp[1], "data-end-x"));
        // Three points saw the SYN: a mark on each lane.
        Assert.Equal(3, syn.Elements("circle").Count());
        // In time order: the handshake before the first SIP message, the FINs after the last.
        int firstSip = arrows.FindIndex(a => (string?)a.Attribute("data-kind") is "request" or "response");
        int lastSip = arrows.FindLastIndex(a => (string?)a.Attribute("data-kind") is "request" or "response");
        Assert.True(arrows.IndexOf(tcp[2]) < firstSip && arrows.IndexOf(tcp[3]) > lastSip, "TCP arrows out of time order");
    }

    [Fact]
    public void A_handshake_that_never_completed_gets_a_ladder_of_its_own_with_the_syn_ack_lost()
    {
        // tcp-wrong-gateway-drop: the SYN-ACKs leave toward the wrong gateway, so no SIP message is ever sent.
        var scenario = LabScenario.Load("tcp-wrong-gateway-drop");
        using var folder = new TempFolder();
        string page = folder.File("report.html");
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, scenario.Router1!, "--no-progress", "--html", page);
        Assert.Equal(0, run.ExitCode);
        var svg = new HtmlReportPage(File.ReadAllText(page)).Ladder("TCP 192.168.1.20:5060 → 192.168.0.10:5060");
        var arrows = HtmlReportPage.Arrows(svg);
        Assert.All(arrows, a => Assert.Equal("tcp", (string?)a.Attribute("data-kind")));
        Assert.Equal(["SYN", "SYN-ACK"], arrows.Select(a => (string)a.Attribute("data-label")!));
        Assert.Equal(Frames(scenario, "tcp.flags.syn == 1 && ip.addr == 192.168.1.20 && tcp.port == 5060"), arrows.SelectMany(FramesOf).Order());
        // Router 1 never saw a SYN-ACK: it ends in a cross between the PBX uplink and router 1.
        Assert.Equal("false", (string?)arrows[0].Attribute("data-lost"));
        Assert.Equal("true", (string?)arrows[1].Attribute("data-lost"));
        Assert.InRange(HtmlReportPage.X(arrows[1], "data-end-x"), HtmlReportPage.X(svg, "data-client-x") + 1, HtmlReportPage.X(svg, "data-server-x") - 1);
    }

    private static IEnumerable<string> FramesOf(System.Xml.Linq.XElement arrow) =>
        ((string)arrow.Attribute("data-frames")!).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // capture:frame of every frame matching the display filter, in the PBX uplink (0) and router 1 (1).
    private static List<string> Frames(LabScenario scenario, string filter) =>
        new[] { (scenario.PbxUplink, 0), (scenario.Router1!, 1) }
            .SelectMany(x => Tshark.Fields(x.Item1, filter, ["frame.number"]).Select(r => $"{x.Item2}:{r[0]}"))
            .Order().ToList();
}
