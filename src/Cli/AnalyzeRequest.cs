using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Handoff;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Cli;

/// <summary>The analyze command's options, as parsed.</summary>
internal sealed class AnalyzeRequest
{
    public required string[] Files { get; init; }
    /// <summary>--point NAME=FILE[#IFACE], as given.</summary>
    public string[] Points { get; init; } = [];
    public ReportOutputs Outputs { get; init; } = new();
    public bool NoProgress { get; init; }
    /// <summary>--timings: per-phase times on stderr.</summary>
    public bool Timings { get; init; }
    public Severity? FailOn { get; init; }
    public string? AnnotatePath { get; init; }
    public bool AnnotateFlaggedOnly { get; init; }
    public string? ColorsPath { get; init; }
    public AnalysisOptions Options { get; init; } = new();

    /// <summary>Every file or directory the command writes, to refuse any that is an input.</summary>
    public IEnumerable<string> OutputPaths()
    {
        foreach (var path in Outputs.Paths()) yield return path;
        if (AnnotatePath is not null)
            foreach (var path in CaptureAnnotator.OutputPaths(AnnotatePath, Files.Select(CaptureInput.ForFile).ToList())) yield return path;
        if (ColorsPath is not null) yield return ColorsPath;
    }
}
