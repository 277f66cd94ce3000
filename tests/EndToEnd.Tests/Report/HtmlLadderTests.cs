using System.Text.RegularExpressions;
using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// The field case (wrong-gateway-drop, PBX uplink and router 1's two legs) as an <c>--html</c> page: rendered by
/// headless Chromium, one arrow per SIP message of the flagged registration (checked against tshark's view of the
/// same Call-ID in both files), the lost 401 ending in a cross before the phone, and no request to anywhere.
/// </summary>
public class HtmlLadderTests
{
    private const string CallId = "reg-1-31387@192.168.1.20";

    [Fact]
    public void The_field_case_ladder_draws_every_message_once_and_the_lost_401_ends_before_the_phone()
    {
        var scenario = LabScenario.Load("wrong-gateway-drop");
        using var folder = new TempFolder();
        string page = folder.File("report.html");
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, scenario.Router1!, "--no-progress", "--html", page);
        Assert.Equal(0, run.ExitCode);
        var report = new HtmlReportPage(File.ReadAllText(page));
        var svg = report.Ladder(CallId);
        var arrows = HtmlReportPage.Arrows(svg).Where(a => (string?)a.Attribute("data-kind") is not ("icmp" or "tcp")).ToList();

        // tshark's messages of the registration: capture:frame, grouped by CSeq and method or status.
        var seen = new List<(string Frame, string Message)>();
        foreach (var (file, capture) in new[] { (scenario.PbxUplink, 0), (scenario.Router1!, 1) })
            foreach (var row in Tshark.Fields(file, $"sip.Call-ID == \"{CallId}\"", ["frame.number", "sip.CSeq.seq", "sip.Method", "sip.Status-Code"]))
                seen.Add(($"{capture}:{row[0]}", $"{row[1]} {row[2]}{row[3]}"));
        Assert.NotEmpty(seen);
        Assert.Equal(seen.Select(s => s.Message).Distinct().Count(), arrows.Count);
        var drawn = arrows.SelectMany(a => ((string)a.Attribute("data-frames")!).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(drawn.Count, drawn.Distinct().Count());
        Assert.Equal(seen.Select(s => s.Frame).Order(), drawn.Order());

        double client = HtmlReportPage.X(svg, "data-client-x"), server = HtmlReportPage.X(svg, "data-server-x");
        var challenge = Assert.Single(arrows, a => ((string)a.Attribute("data-label")!).StartsWith("401", StringComparison.Ordinal));
        Assert.Equal("true", (string?)challenge.Attribute("data-lost"));
        Assert.Single(challenge.Elements("g"), g => (string?)g.Attribute("class") == "cross");
        Assert.Equal(server, HtmlReportPage.X(challenge, "data-start-x"));
        Assert.InRange(HtmlReportPage.X(challenge, "data-end-x"), client + 1, server - 1);
        var register = Assert.Single(arrows, a => (string?)a.Attribute("data-label") == "REGISTER");
        Assert.Equal("false", (string?)register.Attribute("data-lost"));
        Assert.Equal(server, HtmlReportPage.X(register, "data-end-x"));
        // Three capture points saw the REGISTER: a mark on each lane.
        Assert.Equal(3, register.Elements("circle").Count());
        // Seven columns (1 280 px) do not fit a laptop's page: the picture shrinks to fit, to no less than 960 px,
        // inside a box of its own that scrolls past that, so the client and the server are seen together.
        Assert.Equal(1280, HtmlReportPage.X(svg, "width"));
        Assert.Equal("min-width: 960px", (string?)svg.Attribute("style"));
        Assert.Contains("<div class=\"ladder-wrap\"><svg class=\"ladder\"", report.Html);
        Assert.Matches(@"\.ladder-wrap \{ overflow-x: auto;", report.Html);
        Assert.Matches(@"svg\.ladder \{[^}]*max-width: 100%; height: auto;", report.Html);

        AssertSelfContained(report.Html);
        string png = folder.File("ladder.png");
        HeadlessChromium.Screenshot(page, png, 1400, 1000);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10_000 && bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG of a drawn page");
        var (dom, requests) = HeadlessChromium.Load(page);
        Assert.Contains("class=\"msg request\"", dom);
        Assert.Empty(requests);
    }

    // The detector of requests must see one when a page makes one, or an empty list above proves nothing.
    [Fact]
    public void The_request_detector_sees_a_page_that_loads_an_image()
    {
        using var folder = new TempFolder();
        string page = folder.File("probe.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><img src=\"http://probe.invalid/x.png\"></body></html>");
        var (_, requests) = HeadlessChromium.Load(page);
        Assert.Contains("http://probe.invalid/x.png", requests);
    }

    /// <summary>No attribute that loads anything, no CSS that does, and the policy that forbids it all anyway.</summary>
    internal static void AssertSelfContained(string html)
    {
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">", html);
        // Attribute names only: values (and text) are escaped captured strings that may well read "src=x".
        var loads = new Regex(@"\s(src|href|xlink:href|action|formaction|srcset|poster|data|background)\s*=", RegexOptions.IgnoreCase);
        foreach (Match tag in Regex.Matches(html, "<[a-zA-Z][^>]*>"))
            Assert.DoesNotMatch(loads, Regex.Replace(tag.Value, "\"[^\"]*\"", "\"\""));
        string style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        Assert.NotEmpty(style);
        Assert.DoesNotContain("url(", style, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", style, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }
}
