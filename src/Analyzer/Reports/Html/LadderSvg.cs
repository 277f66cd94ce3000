using System.Globalization;
using System.Text;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// Draws a <see cref="Ladder"/> as inline SVG: hosts as boxes with solid lifelines, capture points as dashed
/// lanes, one arrow per message (class <c>msg</c>, its facts in <c>data-*</c> attributes so a test or a script
/// can read the picture back), a dot where a capture point saw it, a cross where it was lost. Arrowheads are
/// polygons, not markers, so the document references nothing, not even a fragment.
/// </summary>
internal static class LadderSvg
{
    private const int Spacing = 180, Left = 100, Top = 84, Row = 46;
    // Characters of a host's name that fit its 176 px box at 12 px; longer ones are drawn at 8.5 px (up to 40).
    private const int LongName = 22;

    public static void Write(StringBuilder html, Ladder ladder)
    {
        int width = Left * 2 + Spacing * (ladder.Stops.Count - 1);
        int height = Top + Row * (ladder.Arrows.Count + 1);
        // The client and the server both in view: a ladder wider than the page shrinks to fit it, down to three
        // quarters of its size (12 px labels become 9 px); past that its own box scrolls, never the whole page.
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"ladder-wrap\"><svg class=\"ladder\" width=\"{width}\" height=\"{height}\" style=\"min-width: {MinimumWidth(width)}px\" viewBox=\"0 0 {width} {height}\" data-client-x=\"{X(LadderStop.ClientColumn(ladder.Stops))}\" data-server-x=\"{X(LadderStop.ServerColumn(ladder.Stops))}\" role=\"img\">\n");
        for (int i = 0; i < ladder.Stops.Count; i++) Stop(html, ladder.Stops[i], i, height);
        for (int row = 0; row < ladder.Arrows.Count; row++) Arrow(html, ladder.Arrows[row], Top + Row * (row + 1) - 8);
        html.Append("</svg></div>\n");
    }

    /// <summary>The narrowest the ladder is drawn (its labels stay legible): three quarters of its natural width.</summary>
    internal static int MinimumWidth(int width) => width * 3 / 4;

    private static string X(double column) => (Left + column * Spacing).ToString("0.#", CultureInfo.InvariantCulture);

    private static void Stop(StringBuilder html, LadderStop stop, int i, int height)
    {
        string x = X(i);
        string kind = stop.IsPoint ? "point" : stop.Mac is null ? "host" : "router";
        html.Append(CultureInfo.InvariantCulture, $"<g class=\"stop {kind}\" data-name=\"{HtmlText.Encode(stop.Name, 200)}\" data-x=\"{x}\">");
        if (stop.IsPoint)
        {
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"44\" x2=\"{x}\" y2=\"{height}\" class=\"lane\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"40\" class=\"pointname\">◉ {HtmlText.Encode(stop.Name, 40)}</text>");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"44\" x2=\"{x}\" y2=\"{height}\" class=\"lifeline\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left + i * Spacing - 88}\" y=\"2\" width=\"176\" height=\"42\" rx=\"4\" class=\"box\"/>");
            // A name too long for the box (an IPv6 endpoint, a long topology name) in a smaller font; an IPv6
            // endpoint's port goes to the second line, before the role, so the address alone fits.
            var (name, detail) = (stop.Name, stop.Detail);
            if (name.Length > LongName && stop.Endpoint == name && name.StartsWith('[') && name.LastIndexOf("]:", StringComparison.Ordinal) is var close and > 0)
                (name, detail) = (name[1..close], $"port {name[(close + 2)..]} · {detail}");
            string size = name.Length > LongName ? " long" : "";
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"19\" class=\"hostname{size}\">{HtmlText.Encode(name, 40)}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"36\" class=\"hostdetail\">{HtmlText.Encode(detail, 40)}</text>");
            html.Append("<title>").Append(HtmlText.Encode(stop.Name + (stop.Detail.Length > 0 ? " — " + stop.Detail : ""), 300)).Append("</title>");
        }
        html.Append("</g>\n");
    }

    private static void Arrow(StringBuilder html, LadderArrow a, int y)
    {
        string x1 = X(a.From), x2 = X(a.To);
        string frames = string.Join(" ", a.Frames) + (a.FramesNotListed > 0 ? $" +{a.FramesNotListed}" : "");
        html.Append(CultureInfo.InvariantCulture,
            $"<g class=\"msg {a.Kind}{(a.Lost ? " lost" : "")}\" data-kind=\"{a.Kind}\" data-label=\"{HtmlText.Encode(a.Label, 200)}\" data-copies=\"{a.Copies}\" data-lost=\"{(a.Lost ? "true" : "false")}\" data-start-x=\"{x1}\" data-end-x=\"{x2}\" data-frames=\"{HtmlText.Encode(frames)}\">");
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" class=\"shaft\"/>");
        double direction = a.To >= a.From ? 1 : -1;
        double tip = Left + a.To * Spacing;
        if (a.Lost)
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"cross\" data-x=\"{x2}\"><line x1=\"{N(tip - 7)}\" y1=\"{y - 7}\" x2=\"{N(tip + 7)}\" y2=\"{y + 7}\"/><line x1=\"{N(tip - 7)}\" y1=\"{y + 7}\" x2=\"{N(tip + 7)}\" y2=\"{y - 7}\"/></g>");
        else
            html.Append(CultureInfo.InvariantCulture, $"<polygon class=\"head\" points=\"{N(tip)},{y} {N(tip - 10 * direction)},{y - 5} {N(tip - 10 * direction)},{y + 5}\"/>");
        foreach (int lane in a.SeenAt)
            html.Append(CultureInfo.InvariantCulture, $"<circle class=\"seen\" cx=\"{X(lane)}\" cy=\"{y}\" r=\"4\"/>");
        string mid = N(Left + (a.From + a.To) / 2 * Spacing);
        string copies = a.Copies > 1 ? $" ×{a.Copies}" : "";
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{mid}\" y=\"{y - 6}\" class=\"label\">{HtmlText.Encode(a.Label, 60)}{copies}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{mid}\" y=\"{y + 14}\" class=\"detail\">{HtmlText.Encode(a.Detail, 200)}</text>");
        html.Append("<title>").Append(HtmlText.Encode($"{HtmlText.Short(a.Label, 200)}{copies}: {a.Detail}; frames {frames}")).Append("</title></g>\n");
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
