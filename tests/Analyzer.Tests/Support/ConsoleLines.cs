using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Tests.Support;

/// <summary>The console report of a result, as the lines a reader sees.</summary>
internal static class ConsoleLines
{
    public static List<string> Of(AnalysisResult result)
    {
        using var text = new StringWriter();
        new ConsoleReportWriter(text).Write(result);
        return text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
    }

    /// <summary>The line where the table titled <paramref name="title"/> starts, -1 without one.</summary>
    public static int TableAt(List<string> lines, string title) =>
        lines.FindIndex(l => l.StartsWith(title, StringComparison.Ordinal));
}
