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

    /// <summary>Every file the command writes, given the inputs (one annotated copy per input), to refuse any that is an input.</summary>
    public IEnumerable<string> OutputFiles(IReadOnlyList<CaptureInput> inputs)
    {
        foreach (var path in Outputs.Files()) yield return path;
        if (AnnotatePath is not null)
            foreach (var path in CaptureAnnotator.OutputPaths(AnnotatePath, inputs)) yield return path;
        if (ColorsPath is not null) yield return ColorsPath;
    }

    /// <summary>The outputs that are one file each (not a folder of tables), whose folder must already exist.</summary>
    public IEnumerable<string> SingleFiles(IReadOnlyList<CaptureInput> inputs)
    {
        foreach (var path in new[] { Outputs.JsonPath, Outputs.JsonLinesPath, Outputs.HtmlPath, ColorsPath })
            if (path is not null && path != "-") yield return path;
        if (AnnotatePath is not null && AnnotatePath != "-")
            foreach (var path in CaptureAnnotator.OutputPaths(AnnotatePath, inputs)) yield return path;
    }

    /// <summary>"PATH: reason" for every output that cannot be written, checked before any analysis.</summary>
    public IEnumerable<string> Unwritable(IReadOnlyList<CaptureInput> inputs)
    {
        foreach (var problem in Outputs.Unwritable()) yield return problem;
        var files = AnnotatePath is null ? [] : CaptureAnnotator.OutputPaths(AnnotatePath, inputs);
        foreach (var path in ColorsPath is null ? files : [.. files, ColorsPath])
            if (AtomicFile.WhyUnwritable(path, isDirectory: false) is { } why)
                yield return $"{path}: {why}";
    }
}
