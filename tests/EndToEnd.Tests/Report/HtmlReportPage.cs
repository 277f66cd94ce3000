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

    /// <summary>The slices of a plot (one per time slice of the stream), in time order.</summary>
    public static List<XElement> Slices(XElement plot) =>
        plot.Elements("g").Where(g => (string?)g.Attribute("class") == "slice").ToList();

    /// <summary>The columns of a ladder (hosts, routers, capture points' lanes), left to right.</summary>
    public static List<XElement> Stops(XElement svg) =>
        svg.Elements("g").Where(g => ((string?)g.Attribute("class") ?? "").Split(' ').Contains("stop")).ToList();

    public XElement Ladder(string titleContains) =>
        Ladders.Single(l => l.Title.Contains(titleContains, StringComparison.Ordinal)).Svg;

    /// <summary>The arrows of a ladder (SIP messages and ICMP errors).</summary>
    public static List<XElement> Arrows(XElement svg) =>
        svg.Elements("g").Where(g => ((string?)g.Attribute("class") ?? "").Split(' ').Contains("msg")).ToList();

    public static double X(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<svg class=\"plot\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex PlotPattern();

    [GeneratedRegex("<h3 class=\"ladder-title\">(?<title>[^<]*)</h3>\\s*(?<wrap><div class=\"ladder-wrap\">)?(?<svg><svg .*?</svg>)", RegexOptions.Singleline)]
    private static partial Regex LadderPattern();
}
