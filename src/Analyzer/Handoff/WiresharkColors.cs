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
            // Both comment forms: "pcapsip: kind:" and, in a flagged-only copy, "pcapsip [frame 9]: kind:".
            var filter = $"frame.comment matches \"pcapsip( \\\\[frame [0-9]+\\\\])?: ({string.Join("|", kinds)}):\"";
            lines.Add($"@pcapsip {FindingsJson.SeverityName(severity)}@{filter}@{Color(severity)}");
        }
        lines.Add("@pcapsip@frame.comment contains \"pcapsip\"@[65535,61423,52685][0,0,0]");
        staged.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            foreach (var line in lines) writer.WriteLine(line);
        });
    }

    // [background][foreground] as 16-bit RGB, the order of Wireshark's colorfilters file (its own "ARP" rule is a
    // light background with dark text: @ARP@arp@[64250,61680,55255][4718,10030,11796]).
    private static string Color(Severity severity) => severity switch
    {
        Severity.Error => "[52428,0,0][65535,65535,65535]",
        Severity.Warning => "[65535,49344,0][0,0,0]",
        _ => "[40863,49087,65535][0,0,0]",
    };
}
