using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Handoff;

/// <summary>
/// <c>--wireshark-colors FILE</c>: a coloring-rules file (View › Coloring Rules › Import) that paints the frames of
/// the annotated capture by the severity of their findings: errors red, warnings amber, information blue.
/// </summary>
public static class WiresharkColors
{
    /// <summary>Writes the rules into <paramref name="staged"/>, which the caller commits with its other files.</summary>
    public static void Stage(StagedOutputs staged, string path, AnalysisResult result)
    {
        var lines = new List<string> { "# pcapsip coloring rules: import in Wireshark (View > Coloring Rules > Import)." };
        foreach (var severity in new[] { Severity.Error, Severity.Warning, Severity.Info })
        {
            var kinds = result.Findings.Where(f => f.Severity == severity).Select(f => FindingKinds.WireName(f.Kind)).Distinct().Order(StringComparer.Ordinal).ToList();
            if (kinds.Count == 0) continue;
            var filter = string.Join(" || ", kinds.Select(k => $"frame.comment contains \"pcapsip: {k}:\""));
            lines.Add($"@pcapsip {FindingsJson.SeverityName(severity)}@{filter}@{Color(severity)}");
        }
        lines.Add("@pcapsip@frame.comment contains \"pcapsip:\"@[0,0,0][65535,61423,52685]");
        staged.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            foreach (var line in lines) writer.WriteLine(line);
        });
    }

    // [foreground][background] as 16-bit RGB, the format Wireshark's colorfilters file uses.
    private static string Color(Severity severity) => severity switch
    {
        Severity.Error => "[65535,65535,65535][52428,0,0]",
        Severity.Warning => "[0,0,0][65535,49344,0]",
        _ => "[0,0,0][40863,49087,65535]",
    };
}
