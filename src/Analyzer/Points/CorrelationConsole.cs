using System.Globalization;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// The console's "Capture points" section: each point, its SIP messages matched elsewhere, and the clock offsets.
/// A file may bring up to 1 024 points (one per pcapng interface): past <see cref="ListedPoints"/> the rest are one
/// summed line, so the section stays a screen and not a hundred KB; the JSON report lists every point.
/// </summary>
public static class CorrelationConsole
{
    /// <summary>Points listed one per line; the others are summed in one more.</summary>
    public const int ListedPoints = 32;

    public static void Write(TextWriter output, AnalysisResult result)
    {
        var correlation = result.Correlation;
        if (correlation is null || result.Points.Count < 2) return;
        output.WriteLine("Capture points");
        var points = result.Points;
        int listed = points.Count > ListedPoints ? ListedPoints : points.Count;
        for (int i = 0; i < listed; i++)
        {
            var p = points[i];
            var c = correlation.Counts.ElementAtOrDefault(p.Index);
            WriteLine(output, p.Name, p.Packets, c?.Messages ?? 0, c?.Matched ?? 0, c?.Unmatched ?? 0);
        }
        if (points.Count > listed)
        {
            long packets = 0, messages = 0, matched = 0, unmatched = 0;
            for (int i = listed; i < points.Count; i++)
            {
                packets += points[i].Packets;
                if (correlation.Counts.ElementAtOrDefault(points[i].Index) is not { } c) continue;
                messages += c.Messages;
                matched += c.Matched;
                unmatched += c.Unmatched;
            }
            WriteLine(output, $"… {points.Count - listed:N0} more points", packets, messages, matched, unmatched);
        }
        output.WriteLine("Clock offsets (from SIP messages seen unchanged at two points)");
        foreach (var c in correlation.Clocks)
        {
            if (c.Method == "reference")
                output.WriteLine($"  {c.Clock,-24} reference clock");
            else if (c.Method == "none")
                output.WriteLine($"  {c.Clock,-24} no message in common with another clock: times taken as they are");
            else
                output.WriteLine($"  {c.Clock,-24} {Ms(c.OffsetNs)} ms vs {c.MeasuredAgainst} (spread ±{Math.Abs(c.SpreadNs / 1e6).ToString("0.000", CultureInfo.InvariantCulture)} ms over {c.Samples} messages, {c.Method}); {(c.Applied ? "applied" : "not applied: not distinguishable from transit delay")}");
        }
        output.WriteLine();
    }

    private static void WriteLine(TextWriter output, string name, long packets, long messages, long matched, long unmatched) =>
        output.WriteLine($"  {name,-24} {packets,10:N0} packets   SIP {messages,6:N0}, seen elsewhere {matched,6:N0}, only here {unmatched,6:N0}");

    private static string Ms(long ns) => (ns / 1e6).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
}
