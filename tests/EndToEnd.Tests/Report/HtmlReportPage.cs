using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>An <c>--html</c> report read back: each ladder's title and its SVG, and each RTP plot, parsed as XML (the writer emits well-formed SVG).</summary>
public sealed partial class HtmlReportPage
{
    public HtmlReportPage(string html)
    {
        Html = html;
        foreach (Match m in LadderPattern().Matches(html))
            Ladders.Add((System.Net.WebUtility.HtmlDecode(m.Groups["title"].Value), XElement.Parse(m.Groups["svg"].Value)));
    }

    public string Html { get; }
    public List<(string Title, XElement Svg)> Ladders { get; } = new();

    /// <summary>The RTP streams' jitter-and-loss plots, in page order.</summary>
    public List<XElement> Plots => PlotPattern().Matches(Html).Select(m => XElement.Parse(m.Value)).ToList();

    /// <summary>The attacks' attempts-over-time plots, in page order.</summary>
    public List<XElement> AttemptPlots => AttemptPlotPattern().Matches(Html).Select(m => XElement.Parse(m.Value)).ToList();

    /// <summary>The slices of a plot (one per time slice of the stream), in time order.</summary>
    public static List<XElement> Slices(XElement plot) =>
        plot.Elements("g").Where(g => (string?)g.Attribute("class") == "slice").ToList();

    /// <summary>The columns of a ladder (hosts, routers, capture points' lanes), left to right.</summary>
    public static List<XElement> Stops(XElement svg) =>
        svg.Elements("g").Where(g => ((string?)g.Attribute("class") ?? "").Split(' ').Contains("stop")).ToList();

    /// <summary>Runs <c>pcapsip analyze FILES --html</c> into <paramref name="folder"/> (exit 0 asserted) and reads the page back.</summary>
    public static HtmlReportPage Analyze(Acceptance.TempFolder folder, params string[] files)
    {
        string page = folder.File("report.html");
        var run = Acceptance.PcapsipCli.Run(["analyze", .. files, "--no-progress", "--html", page]);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        return new HtmlReportPage(File.ReadAllText(page));
    }

    /// <summary>A ladder's host columns (not routers or lanes): their address, without the port, to their x.</summary>
    public static Dictionary<string, double> HostColumns(XElement svg) =>
        Stops(svg).Where(s => ((string?)s.Attribute("class") ?? "").Split(' ').Contains("host"))
            .ToDictionary(s => ((string)s.Attribute("data-name")!).Split(':')[0], s => X(s, "data-x"));

    public XElement Ladder(string titleContains) =>
        Ladders.Single(l => l.Title.Contains(titleContains, StringComparison.Ordinal)).Svg;

    /// <summary>The arrows of a ladder (SIP messages and ICMP errors).</summary>
    public static List<XElement> Arrows(XElement svg) =>
        svg.Elements("g").Where(g => ((string?)g.Attribute("class") ?? "").Split(' ').Contains("msg")).ToList();

    public static double X(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<svg class=\"plot\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex PlotPattern();

    [GeneratedRegex("<svg class=\"plot attempts\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex AttemptPlotPattern();

    [GeneratedRegex("<h3 class=\"ladder-title\">(?<title>[^<]*)</h3>\\s*(?<wrap><div class=\"ladder-wrap\">)?(?<svg><svg .*?</svg>)", RegexOptions.Singleline)]
    private static partial Regex LadderPattern();
}
