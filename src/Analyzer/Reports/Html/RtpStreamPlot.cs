using System.Globalization;
using System.Text;
using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// One RTP stream's jitter and loss over its life as inline SVG: a bar of lost packets and a point of mean jitter
/// per slice of <see cref="RtpTimeSeries"/> (the maximum as a lighter line), time in seconds from the stream's
/// first packet below, jitter in ms on the left, lost packets on the right. Each slice is a <c>g.slice</c> with its
/// figures in <c>data-*</c> attributes, so a test can read the picture back. At most 64 slices: bounded whatever
/// the stream's length.
/// </summary>
internal static class RtpStreamPlot
{
    private const int Width = 720, Height = 200, Left = 58, Right = 58, Top = 14, Bottom = 42;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;
    private static readonly PlotAxes Frame = new(Width, Height, Left, Right, Top, Bottom);

    public static void Write(StringBuilder html, RtpStream stream, string point)
    {
        var series = stream.TimeSeries;
        int count = Math.Max(1, series.Count);
        double widthMs = series.WidthNs / 1e6;
        double maxJitter = 0;
        int maxLost = 0;
        for (int i = 0; i < series.Count; i++)
        {
            maxJitter = Math.Max(maxJitter, series[i].MaxJitterMs);
            maxLost = Math.Max(maxLost, series[i].Lost);
        }
        double jitterScale = PlotAxes.NiceCeiling(Math.Max(1, maxJitter));
        // Quarters of whole packets on the loss axis.
        double lostScale = 4 * Math.Ceiling(Math.Max(1, maxLost) / 4.0);
        double slice = PlotWidth / count;

        html.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"plot\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" data-ssrc=\"0x{stream.Ssrc:x8}\" data-point=\"{HtmlText.Encode(point, 100)}\" data-slices=\"{series.Count}\" data-slice-ms=\"{N(widthMs)}\" data-start-ns=\"{stream.StartNs}\" data-packets=\"{stream.Statistics.Packets}\" data-lost=\"{stream.Statistics.Lost}\">\n");
        Frame.Write(html, count * widthMs / 1000, "time since the stream's first packet", (jitterScale, "jitter (ms)", "jitteraxis"), (lostScale, "lost packets", "lossaxis"));
        var mean = new StringBuilder();
        var max = new StringBuilder();
        for (int i = 0; i < series.Count; i++)
        {
            var b = series[i];
            double x = Left + slice * i, centre = x + slice / 2;
            html.Append(CultureInfo.InvariantCulture,
                $"<g class=\"slice\" data-start-ms=\"{N(i * widthMs)}\" data-packets=\"{b.Packets}\" data-lost=\"{b.Lost}\" data-jitter-mean=\"{N(b.MeanJitterMs)}\" data-jitter-max=\"{N(b.MaxJitterMs)}\">");
            if (b.Lost > 0)
            {
                double h = PlotHeight * b.Lost / lostScale;
                html.Append(CultureInfo.InvariantCulture, $"<rect class=\"lossbar\" x=\"{N(x + slice * 0.15)}\" y=\"{N(Top + PlotHeight - h)}\" width=\"{N(slice * 0.7)}\" height=\"{N(h)}\"/>");
            }
            if (b.JitterSamples > 0)
            {
                string y = N(Y(b.MeanJitterMs, jitterScale));
                html.Append(CultureInfo.InvariantCulture, $"<circle class=\"jitterpoint\" cx=\"{N(centre)}\" cy=\"{y}\" r=\"2.5\"/>");
                // A slice without packets breaks the line: no jitter is known there.
                bool joined = i > 0 && series[i - 1].JitterSamples > 0;
                mean.Append(joined ? " L" : " M").Append(N(centre)).Append(',').Append(y);
                max.Append(joined ? " L" : " M").Append(N(centre)).Append(',').Append(N(Y(b.MaxJitterMs, jitterScale)));
            }
            html.Append(CultureInfo.InvariantCulture,
                $"<title>+{N(i * widthMs / 1000)} s: {b.Packets} packets, {b.Lost} lost, jitter mean {N(b.MeanJitterMs)} ms, max {N(b.MaxJitterMs)} ms</title></g>\n");
        }
        if (max.Length > 0) html.Append("<path class=\"jittermax\" d=\"").Append(max).Append("\"/>\n");
        if (mean.Length > 0) html.Append("<path class=\"jitter\" d=\"").Append(mean).Append("\"/>\n");
        html.Append("</svg>\n");
    }

    private static double Y(double jitterMs, double scale) => Top + PlotHeight - PlotHeight * Math.Min(jitterMs, scale) / scale;

    private static string N(double value) => PlotAxes.N(value);
}
