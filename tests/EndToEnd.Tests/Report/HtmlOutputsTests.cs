using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>The HTML report as an output like the others: bounded whatever the capture, and written by batch jobs too.</summary>
public class HtmlOutputsTests
{
    // 25 phones whose REGISTERs one server leaves unanswered: one cause, whose ladders all look alike; three are drawn.
    [Fact]
    public void A_cause_of_many_phones_draws_a_few_ladders_and_counts_the_rest()
    {
        var frames = new List<byte[]>();
        for (int copy = 0; copy < 3; copy++)
            for (int phone = 0; phone < 25; phone++)
                frames.Add(Register($"192.168.1.{20 + phone}", "192.168.0.10", (ushort)(copy * 100 + phone)));
        var (html, flagged) = Analyze(frames);

        Assert.Equal(25, flagged);
        var page = new HtmlReportPage(html);
        Assert.Equal(3, page.Ladders.Count);
        Assert.Contains("22 more flagged registrations or calls of C1 not drawn: the same cause, the same picture", html);
        Assert.DoesNotContain("have no ladder here", html);
    }

    // 8 servers, each leaving 4 phones unanswered: 8 causes of 3 ladders each would be 24, of which the page draws 20.
    [Fact]
    public void At_most_twenty_ladders_are_drawn_and_the_rest_are_counted()
    {
        var frames = new List<byte[]>();
        for (int copy = 0; copy < 3; copy++)
            for (int server = 0; server < 8; server++)
                for (int phone = 0; phone < 4; phone++)
                    frames.Add(Register($"192.168.{10 + server}.{20 + phone}", $"192.168.0.{10 + server}", (ushort)(copy * 100 + server * 10 + phone)));
        var (html, flagged) = Analyze(frames);

        Assert.Equal(32, flagged);
        var page = new HtmlReportPage(html);
        Assert.Equal(20, page.Ladders.Count);
        // Each flagged registration is drawn, counted as alike to its cause's drawn ones, or counted past the page's cap.
        int alike = System.Text.RegularExpressions.Regex.Matches(html, @"(\d+) more flagged registrations? or calls? of C\d+ not drawn")
            .Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var capped = System.Text.RegularExpressions.Regex.Match(html, @"(\d+) more flagged registrations or calls have no ladder here \(at most 20 are drawn\)");
        Assert.True(capped.Success);
        Assert.Equal(32, 20 + alike + int.Parse(capped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(alike, 1, 8);
    }

    private static (string Html, int Flagged) Analyze(List<byte[]> frames)
    {
        using var folder = new TempFolder();
        string capture = folder.File("many.pcap"), page = folder.File("many.html"), json = folder.File("many.json");
        File.WriteAllBytes(capture, SyntheticCapture.PcapOf(frames));
        PcapsipCli.Run("analyze", capture, "--no-progress", "--html", page, "--json", json).Succeeded();
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json));
        int flagged = report.RootElement.GetProperty("findings").EnumerateArray().Count(f => f.TryGetProperty("call_id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String);
        return (File.ReadAllText(page), flagged);
    }

    [Fact]
    public void A_batch_job_writes_the_same_page_as_analyze()
    {
        string capture = LabScenario.Load("wrong-gateway-drop").PbxUplink;
        using var folder = new TempFolder();
        PcapsipCli.Run("batch", capture, "--out", folder.File("out"), "--html", "--no-resume").Succeeded();
        string job = Assert.Single(Directory.GetFiles(folder.File("out"), "report.html", SearchOption.AllDirectories));
        PcapsipCli.Run("analyze", capture, "--no-progress", "--html", folder.File("analyze.html")).Succeeded();

        var fromBatch = new HtmlReportPage(File.ReadAllText(job));
        var fromAnalyze = new HtmlReportPage(File.ReadAllText(folder.File("analyze.html")));
        Assert.Equal(2, fromAnalyze.Ladders.Count);
        Assert.Equal(fromAnalyze.Ladders.Select(l => l.Title), fromBatch.Ladders.Select(l => l.Title));
        Assert.Equal(fromAnalyze.Ladders.Select(l => l.Svg.ToString()), fromBatch.Ladders.Select(l => l.Svg.ToString()));
    }

    private static byte[] Register(string phone, string server, ushort id)
    {
        // REGISTER sip:SERVER SIP/2.0 from one phone, never answered.
        string sip = $"REGISTER sip:{server} SIP/2.0\r\n" +
                     $"Via: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-{phone}\r\n" +
                     $"From: <sip:{phone}@{server}>;tag=t1\r\nTo: <sip:{phone}@{server}>\r\n" +
                     $"Call-ID: reg-{phone}\r\nCSeq: 1 REGISTER\r\nContact: <sip:u@{phone}:5060>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        var udp = PacketBuilder.Udp(5060, 5060, PacketBuilder.Ascii(sip));
        return PacketBuilder.Ethernet(0x0800, PacketBuilder.Ipv4(17, phone, server, udp, id, ttl: 63));
    }
}
