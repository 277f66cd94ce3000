using System.Globalization;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>The console's "Capture points" section: each point, its SIP messages matched elsewhere, and the clock offsets.</summary>
public static class CorrelationConsole
{
    public static void Write(TextWriter output, AnalysisResult result)
    {
        var correlation = result.Correlation;
        if (correlation is null || result.Points.Count < 2) return;
        output.WriteLine("Capture points");
        foreach (var p in result.Points)
        {
            var c = correlation.Counts.ElementAtOrDefault(p.Index);
            output.WriteLine($"  {p.Name,-24} {p.Packets,10:N0} packets   SIP {c?.Messages ?? 0,6:N0}, seen elsewhere {c?.Matched ?? 0,6:N0}, only here {c?.Unmatched ?? 0,6:N0}");
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

    private static string Ms(long ns) => (ns / 1e6).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
}
