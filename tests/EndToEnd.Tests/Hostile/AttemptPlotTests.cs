using PcapSipAnalyzer.EndToEnd.Tests.Report;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.EndToEnd.Tests.Hostile.FloodTests;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// An attack's cause in the <c>--html</c> page gets its attempts over time: what one ladder cannot show — the pace,
/// the addresses taking turns, the calls that got through. The slices add up to what tshark counts in the capture.
/// </summary>
public class AttemptPlotTests
{
    [Fact]
    public void A_spray_is_drawn_as_its_refused_attempts_and_the_addresses_taking_turns()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.PasswordSpraying, o => o.FloodCount = 400);
        var page = Page(folder, capture);

        var plot = Assert.Single(page.AttemptPlots);
        var slices = HtmlReportPage.Slices(plot);
        int refused = Tshark.Fields(capture, "sip.Status-Code == 403", ["frame.number"]).Count;
        Assert.Equal(400, refused);
        Assert.Equal(refused, (int)plot.Attribute("data-attempts")!);
        Assert.Equal(0, (int)plot.Attribute("data-accepted")!);
        Assert.Equal(200, (int)plot.Attribute("data-sources")!);
        Assert.Equal((int)plot.Attribute("data-slices")!, slices.Count);
        Assert.Equal(refused, slices.Sum(s => (int)s.Attribute("data-refused")!));
        Assert.All(slices, s => Assert.InRange((int)s.Attribute("data-sources")!, 1, 200));
        // Addresses taking turns: a line for them.
        Assert.Single(plot.Elements("path"), p => (string?)p.Attribute("class") == "sources");
        Assert.Contains("Attempts over time · 400 refused · from 200 addresses", System.Net.WebUtility.HtmlDecode(page.Html));
    }

    [Fact]
    public void Calls_that_got_through_are_drawn_on_top_of_the_refused_ones()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.TollFraud, o => { o.FloodCount = 40; o.ScanAnswered = 0.1; });
        var page = Page(folder, capture);

        var plot = Assert.Single(page.AttemptPlots);
        var slices = HtmlReportPage.Slices(plot);
        int accepted = Tshark.Fields(capture, "sip.Status-Code == 200 && sip.CSeq.method == \"INVITE\"", ["frame.number"]).Count;
        int refused = Tshark.Fields(capture, "sip.Status-Code == 403 && sip.CSeq.method == \"INVITE\"", ["frame.number"]).Count;
        Assert.InRange(accepted, 1, 39);
        Assert.Equal(40, accepted + refused);
        Assert.Equal(accepted, (int)plot.Attribute("data-accepted")!);
        Assert.Equal(accepted, slices.Sum(s => (int)s.Attribute("data-accepted")!));
        Assert.Equal(refused, slices.Sum(s => (int)s.Attribute("data-refused")!));
        Assert.Equal(slices.Count(s => (int)s.Attribute("data-accepted")! > 0),
            slices.SelectMany(s => s.Elements("rect")).Count(r => (string?)r.Attribute("class") == "acceptedbar"));
        // One address: no line of addresses over time.
        Assert.Empty(plot.Elements("path"));
    }

    [Fact]
    public void Phones_with_wrong_passwords_are_no_attack_to_draw()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.LinesRefused, o => o.FloodCount = 800);
        Assert.Empty(Page(folder, capture).AttemptPlots);
    }

    private static HtmlReportPage Page(TempFolder folder, string capture)
    {
        string html = Path.Combine(folder.Path, "report.html");
        var run = PcapsipProcess.Run(["analyze", "--no-progress", "--html", html, capture]);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(0, run.ExitCode);
        return new HtmlReportPage(File.ReadAllText(html));
    }
}
