using System.Globalization;
using System.Text;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// The frame, grid and labelled axes the report's plots share: time in seconds below, one scale on the left and
/// one on the right, each in quarters, each axis in its own colour class.
/// </summary>
internal readonly record struct PlotAxes(int Width, int Height, int Left, int Right, int Top, int Bottom)
{
    public double PlotWidth => Width - Left - Right;
    public double PlotHeight => Height - Top - Bottom;

    public void Write(StringBuilder html, double seconds, string timeLabel, (double Scale, string Label, string Class) left, (double Scale, string Label, string Class) right)
    {
        double bottom = Top + PlotHeight, end = Left + PlotWidth;
        html.Append(CultureInfo.InvariantCulture, $"<rect class=\"frame\" x=\"{Left}\" y=\"{Top}\" width=\"{N(PlotWidth)}\" height=\"{N(PlotHeight)}\"/>\n");
        for (int t = 0; t <= 4; t++)
        {
            double y = bottom - PlotHeight * t / 4;
            if (t > 0 && t < 4) html.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{N(y)}\" x2=\"{N(end)}\" y2=\"{N(y)}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick {left.Class}\" x=\"{Left - 5}\" y=\"{N(y + 4)}\">{N(left.Scale * t / 4)}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick {right.Class}\" x=\"{N(end + 5)}\" y=\"{N(y + 4)}\">{N(right.Scale * t / 4)}</text>");
        }
        for (int t = 0; t <= 5; t++)
        {
            double x = Left + PlotWidth * t / 5;
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{N(x)}\" y1=\"{N(bottom)}\" x2=\"{N(x)}\" y2=\"{N(bottom + 4)}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick time\" x=\"{N(x)}\" y=\"{N(bottom + 16)}\">{N(seconds * t / 5)} s</text>");
        }
        html.Append(CultureInfo.InvariantCulture, $"\n<text class=\"axislabel\" x=\"{N(Left + PlotWidth / 2)}\" y=\"{Height - 6}\">{timeLabel}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"axislabel {left.Class}\" transform=\"translate(14 {N(Top + PlotHeight / 2)}) rotate(-90)\">{left.Label}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"axislabel {right.Class}\" transform=\"translate({Width - 12} {N(Top + PlotHeight / 2)}) rotate(90)\">{right.Label}</text>\n");
    }

    /// <summary>The smallest 1, 2, 4, 6 or 8 × 10^k at or above <paramref name="value"/>: axis ends that divide into readable quarters.</summary>
    public static double NiceCeiling(double value)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double step in (ReadOnlySpan<double>)[1, 2, 4, 6, 8, 10])
            if (step * magnitude >= value * (1 - 1e-9)) return step * magnitude;
        return 10 * magnitude;
    }

    public static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
