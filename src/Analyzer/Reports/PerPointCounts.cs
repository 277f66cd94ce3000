using System.Globalization;
using System.Text;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Counts by outcome with several capture points, one column per point: each point counts what it saw, and the
/// same registration seen at three points would be counted three times in a sum. At most
/// <see cref="PointList.ConsolePoints"/> columns; the other points are summed in one more.
/// </summary>
internal static class PerPointCounts
{
    public static void Write<TKey>(TextWriter o, string title, AnalysisResult result, Func<CapturePoint, Dictionary<TKey, long>> counts,
        Func<TKey, string> name) where TKey : notnull
    {
        var points = result.Points;
        // Ties by name: the tables fill in the order things ended, which says nothing to the reader.
        var keys = points.SelectMany(p => counts(p)).GroupBy(c => c.Key).OrderByDescending(g => g.Sum(x => x.Value))
            .ThenBy(g => name(g.Key), StringComparer.Ordinal).Select(g => g.Key).ToList();
        if (keys.Count == 0) return;
        int shown = Math.Min(points.Count, PointList.ConsolePoints);
        var headers = points.Take(shown).Select(p => p.Name).ToList();
        if (points.Count > shown) headers.Add($"{points.Count - shown} other points");
        var widths = headers.Select(h => Math.Max(h.Length, 8)).ToList();

        o.WriteLine(title + " (per capture point)");
        var line = new StringBuilder().Append(' ', 24);
        for (int i = 0; i < headers.Count; i++) line.Append("  ").Append(headers[i].PadLeft(widths[i]));
        o.WriteLine(line.ToString());
        foreach (var key in keys)
        {
            line.Clear().Append("  ").Append(name(key).PadRight(22));
            for (int i = 0; i < headers.Count; i++)
            {
                long n = i < shown ? counts(points[i]).GetValueOrDefault(key)
                    : points.Skip(shown).Sum(p => counts(p).GetValueOrDefault(key));
                line.Append("  ").Append(n.ToString("N0", CultureInfo.InvariantCulture).PadLeft(widths[i]));
            }
            o.WriteLine(line.ToString());
        }
        o.WriteLine();
    }
}
