using System.Text;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The per-point facts of one row in a few words ("pbx-uplink: 401 → 02:a0:00:00:00:fe · router1#lan-a:
/// REGISTER only"), bounded: past <c>shown</c> points the rest are only counted, so a row stays short however many
/// capture points saw it.
/// </summary>
internal static class PointList
{
    /// <summary>Points the console names per row.</summary>
    public const int ConsolePoints = 4;
    /// <summary>Points a CSV/Parquet cell names per row (the JSON lists every point).</summary>
    public const int TablePoints = 16;

    public static string Text(IReadOnlyList<PointFacts> points, int shown, string separator)
    {
        var text = new StringBuilder();
        for (int i = 0; i < points.Count && i < shown; i++)
        {
            if (i > 0) text.Append(separator);
            text.Append(points[i].Point).Append(": ").Append(points[i].Seen);
        }
        if (points.Count > shown) text.Append(separator).Append("… ").Append(points.Count - shown).Append(" more points");
        return text.ToString();
    }
}
