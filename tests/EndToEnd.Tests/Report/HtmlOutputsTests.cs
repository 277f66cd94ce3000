using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>The HTML report as an output like the others: bounded whatever the capture, and written by batch jobs too.</summary>
public class HtmlOutputsTests
{
    // 25 phones whose REGISTERs get no answer: 25 flagged registrations, of which the page draws 20 and counts 5.
    [Fact]
    public void At_most_twenty_ladders_are_drawn_and_the_rest_are_counted()
    {
        var frames = new List<byte[]>();
        for (int copy = 0; copy < 3; copy++)
            for (int phone = 0; phone < 25; phone++)
                frames.Add(Register($"192.168.1.{20 + phone}", (ushort)(copy * 100 + phone)));
        using var folder = new TempFolder();
        string capture = folder.File("many.pcap"), page = folder.File("many.html"), json = folder.File("many.json");
        File.WriteAllBytes(capture, SyntheticCapture.PcapOf(frames));
        PcapsipCli.Run("analyze", capture, "--no-progress", "--html", page, "--json", json).Succeeded();

        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json));
        int flagged = report.RootElement.GetProperty("findings").EnumerateArray().Count(f => f.TryGetProperty("call_id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Equal(25, flagged);
        var html = File.ReadAllText(page);
        Assert.Equal(20, new HtmlReportPage(html).Ladders.Count);
        Assert.Contains("5 more flagged registrations or calls have no ladder here", html);
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

    private static byte[] Register(string phone, ushort id)
    {
        // REGISTER sip:192.168.0.10 SIP/2.0 from one phone, never answered.
        string sip = "REGISTER sip:192.168.0.10 SIP/2.0\r\n" +
                     $"Via: SIP/2.0/UDP {phone}:5060;branch=z9hG4bK-{phone}\r\n" +
                     $"From: <sip:{phone}@192.168.0.10>;tag=t1\r\nTo: <sip:{phone}@192.168.0.10>\r\n" +
                     $"Call-ID: reg-{phone}\r\nCSeq: 1 REGISTER\r\nContact: <sip:u@{phone}:5060>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        var udp = PacketBuilder.Udp(5060, 5060, PacketBuilder.Ascii(sip));
        return PacketBuilder.Ethernet(0x0800, PacketBuilder.Ipv4(17, phone, "192.168.0.10", udp, id, ttl: 63));
    }
}
