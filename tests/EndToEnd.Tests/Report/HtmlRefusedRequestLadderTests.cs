using System.Globalization;
using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// Requests turned away, as an <c>--html</c> page. The lab's request-unreachable scenario: router 1 answers the
/// phones' REGISTERs and SYNs with ICMP "network unreachable"; each request ends in a cross past the last point that
/// saw it (drawn reaching the PBX, it said the PBX got it and stayed silent), and the ICMP errors go back to the
/// phone, with the frames tshark counts. A copy refused and the next answered is drawn arriving; a connection the
/// server resets, tried three times, draws every attempt.
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

    /// <summary>
    /// One copy refused (a router's ARP lookup failing once: host unreachable), the next answered: the REGISTER
    /// arrow, which stands for every copy, reaches the server — no cross for a request that got through.
    /// </summary>
    [Fact]
    public void A_request_whose_next_copy_was_answered_is_drawn_arriving()
    {
        const string phone = "10.20.0.5", pbx = "10.10.0.10", router = "10.20.0.1";
        string Sip(string firstLine, string toTag) =>
            $"{firstLine}\r\nVia: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-arp1\r\nFrom: <sip:1001@{pbx}>;tag=a1\r\nTo: <sip:1001@{pbx}>{toTag}\r\n" +
            $"Call-ID: arp-1@{phone}\r\nCSeq: 1 REGISTER\r\nContact: <sip:1001@{phone}:5060>;expires=60\r\nContent-Length: 0\r\n\r\n";
        var first = Ipv4(17, phone, pbx, Udp(5060, 5060, Ascii(Sip($"REGISTER sip:{pbx} SIP/2.0", ""))), 1);
        long t = SyntheticCapture.StartNs;
        var frames = new List<(long, byte[])>
        {
            (t, Ethernet(0x0800, first)),
            (t + 100_000, Ethernet(0x0800, Ipv4(1, router, phone, Icmp(3, 1, 0, first[..(20 + 64)]), 2))),
            (t + 500_000_000, Ethernet(0x0800, Ipv4(17, phone, pbx, Udp(5060, 5060, Ascii(Sip($"REGISTER sip:{pbx} SIP/2.0", ""))), 3))),
            (t + 502_000_000, Ethernet(0x0800, Ipv4(17, pbx, phone, Udp(5060, 5060, Ascii(Sip("SIP/2.0 200 OK", ";tag=pbx"))), 4))),
        };
        using var folder = new TempFolder();
        string capture = folder.File("arp-once.pcap"), page = folder.File("report.html");
        File.WriteAllBytes(capture, SyntheticCapture.PcapOf(frames));
        var run = PcapsipCli.Run("analyze", capture, "--no-progress", "--html", page);
        Assert.Equal(0, run.ExitCode);

        var svg = new HtmlReportPage(File.ReadAllText(page)).Ladder("Registration");
        var arrows = HtmlReportPage.Arrows(svg);
        var register = Assert.Single(arrows, a => (string?)a.Attribute("data-label") == "REGISTER");
        Assert.Equal("false", (string?)register.Attribute("data-lost"));
        Assert.Equal(HtmlReportPage.X(svg, "data-server-x"), HtmlReportPage.X(register, "data-end-x"));
        Assert.Single(arrows, a => (string?)a.Attribute("data-kind") == "icmp");
    }

    /// <summary>
    /// The lab's tcp-refused phone tries three times from its SIP port, each SYN reset by the PBX: its ladder draws
    /// every attempt — the SYNs as one arrow and the resets as one, counted as tshark counts them.
    /// </summary>
    [Fact]
    public void A_refused_connection_s_ladder_counts_every_attempt()
    {
        var scenario = LabScenario.Load("tcp-refused");
        using var folder = new TempFolder();
        string page = folder.File("report.html");
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, "--no-progress", "--html", page);
        Assert.Equal(0, run.ExitCode); // an error cause still exits 0 without --fail-on
        var rows = Tshark.Fields(scenario.PbxUplink, "tcp.flags.syn", "tcp.flags.ack", "tcp.flags.reset");
        int syns = rows.Count(r => r[0] == "1" && r[1] == "0"), resets = rows.Count(r => r[2] == "1");
        Assert.Equal(3, syns);

        var svg = new HtmlReportPage(File.ReadAllText(page)).Ladder("TCP 192.168.1.21:5060");
        var arrows = HtmlReportPage.Arrows(svg);
        Assert.Equal(syns.ToString(CultureInfo.InvariantCulture), (string?)Assert.Single(arrows, a => (string?)a.Attribute("data-label") == "SYN").Attribute("data-copies"));
        Assert.Equal(resets.ToString(CultureInfo.InvariantCulture), (string?)Assert.Single(arrows, a => (string?)a.Attribute("data-label") == "RST").Attribute("data-copies"));
    }
}
