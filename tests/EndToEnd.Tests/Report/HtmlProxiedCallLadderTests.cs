using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// A call through a proxy as an <c>--html</c> ladder. The lab's media-bypass scenario: phone 1002 calls 1003, kamailio
/// forwards the INVITE to 1003 (the same Call-ID on both legs), the PBX uplink and router 1's two legs see both legs.
/// Every arrow must go from the host that sent the message to the one it was sent to, as tshark reads the frames it
/// stands for: the callee has a column of its own, and the forwarded INVITE is not drawn as a second INVITE of the caller.
/// </summary>
public class HtmlProxiedCallLadderTests
{
    private const string CallId = "call-1-31926@192.168.1.21";

    [Fact]
    public void Each_leg_of_a_proxied_call_goes_between_its_own_hosts()
    {
        var scenario = LabScenario.Load("media-bypass");
        using var folder = new TempFolder();
        var svg = HtmlReportPage.Analyze(folder, scenario.PbxUplink, scenario.Router1!).Ladder(CallId);

        // tshark's view of the call: capture:frame → (source, destination) of each SIP message.
        var sent = new Dictionary<string, (string From, string To)>();
        foreach (var (file, capture) in new[] { (scenario.PbxUplink, 0), (scenario.Router1!, 1) })
            foreach (var row in Tshark.Fields(file, $"sip.Call-ID == \"{CallId}\"", ["frame.number", "ip.src", "ip.dst"]))
                sent[$"{capture}:{row[0]}"] = (row[1], row[2]);
        var hosts = sent.Values.SelectMany(v => new[] { v.From, v.To }).Distinct().ToList();
        Assert.Equal(3, hosts.Count); // caller, PBX, callee

        // One column per host, named by its address and port; the caller is the client, the PBX the server.
        var columns = HtmlReportPage.HostColumns(svg);
        Assert.Equal(hosts.Order(), columns.Keys.Order());
        Assert.Equal(columns["192.168.1.21"], HtmlReportPage.X(svg, "data-client-x"));
        Assert.Equal(columns["192.168.0.10"], HtmlReportPage.X(svg, "data-server-x"));
        // The callee stands beyond the caller: its leg passes the same router and lanes on the way out.
        Assert.True(columns["192.168.1.22"] < columns["192.168.1.21"]);

        var arrows = HtmlReportPage.Arrows(svg).Where(a => (string?)a.Attribute("data-kind") is not ("icmp" or "tcp" or "arp")).ToList();
        var drawn = new List<string>();
        foreach (var arrow in arrows)
        {
            Assert.Equal("false", (string?)arrow.Attribute("data-lost"));
            foreach (string frame in ((string)arrow.Attribute("data-frames")!).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (from, to) = sent[frame];
                Assert.True(columns[from] == HtmlReportPage.X(arrow, "data-start-x"), $"{arrow.Attribute("data-label")} frame {frame} starts at {from}");
                Assert.True(columns[to] == HtmlReportPage.X(arrow, "data-end-x"), $"{arrow.Attribute("data-label")} frame {frame} ends at {to}");
                drawn.Add(frame);
            }
        }
        Assert.Equal(sent.Keys.Order(), drawn.Order());
        // Two INVITEs: the caller's to the PBX, the PBX's to the callee.
        var invites = arrows.Where(a => (string?)a.Attribute("data-label") == "INVITE").ToList();
        Assert.Equal(2, invites.Count);
        Assert.Single(invites, a => HtmlReportPage.X(a, "data-start-x") == columns["192.168.0.10"] && HtmlReportPage.X(a, "data-end-x") == columns["192.168.1.22"]);
    }

    // The lab's nat-binding-expired scenario: the PBX forwards a call to a phone registered through router 1's NAT,
    // whose binding has expired; the NAT answers each INVITE with port unreachable, seen on the PBX uplink and on
    // router 1's inside leg. The error comes from the callee's column (the NAT's address), each one counted once.
    [Fact]
    public void A_forwarded_invite_refused_by_the_callees_nat_is_drawn_from_the_pbx_to_the_nat_and_back()
    {
        var scenario = LabScenario.Load("nat-binding-expired");
        using var folder = new TempFolder();
        var svg = HtmlReportPage.Analyze(folder, scenario.PbxUplink, scenario.Router1!).Ladder("call-1-19781@192.168.0.30");
        var columns = HtmlReportPage.HostColumns(svg);
        Assert.Equal(["192.168.0.1", "192.168.0.10", "192.168.0.30"], columns.Keys.Order());
        Assert.True(columns["192.168.0.1"] < columns["192.168.0.30"]);

        // At the PBX uplink, tshark counts the forwarded INVITE's copies and the NAT's errors quoting them.
        int invites = Tshark.Fields(scenario.PbxUplink, "sip.Method == \"INVITE\" && ip.src == 192.168.0.10 && !icmp", ["frame.number"]).Count;
        int errors = Tshark.Fields(scenario.PbxUplink, "icmp.type == 3 && ip.src == 192.168.0.1", ["frame.number"]).Count;
        Assert.Equal(10, invites);
        Assert.Equal(invites, errors);
        var arrows = HtmlReportPage.Arrows(svg);
        var forwarded = Assert.Single(arrows, a => (string?)a.Attribute("data-label") == "INVITE" && HtmlReportPage.X(a, "data-start-x") == columns["192.168.0.10"]);
        Assert.Equal(columns["192.168.0.1"], HtmlReportPage.X(forwarded, "data-end-x"));
        Assert.Equal(invites.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)forwarded.Attribute("data-copies"));
        var refused = Assert.Single(arrows, a => (string?)a.Attribute("data-kind") == "icmp");
        Assert.Equal(columns["192.168.0.1"], HtmlReportPage.X(refused, "data-start-x"));
        Assert.Equal(columns["192.168.0.10"], HtmlReportPage.X(refused, "data-end-x"));
        Assert.Equal(errors.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)refused.Attribute("data-copies"));
    }
}
