using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Selection;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// What the parser cannot see on its own: option combinations that make no sense, inputs that are missing or are
/// directories, outputs whose folder is missing. Each is one line naming the option or file, before any reading.
/// </summary>
internal static class UsageChecks
{
    /// <summary>Option combinations that are a usage error (exit 64), each as its message.</summary>
    public static IEnumerable<string> Conflicts(AnalyzeRequest request, IReadOnlyList<CaptureInput> inputs)
    {
        var outputs = request.Outputs;
        bool stdin = inputs.Any(i => i.Path == "-");
        if (request.AnnotateFlaggedOnly && request.AnnotatePath is null)
            yield return "--annotate-flagged-only needs --annotate OUT.pcapng (it chooses which frames the annotated copy keeps)";
        if (outputs.CsvDirectory == "-")
            yield return "--csv takes a directory (one file per table); '-' (standard output) cannot hold one";
        if (outputs.ParquetDirectory == "-")
            yield return "--parquet takes a directory (one file per table); '-' (standard output) cannot hold one";
        if (outputs.JsonLinesTablesDirectory == "-")
            yield return "--jsonl-tables takes a directory (one file per table); '-' (standard output) cannot hold one";
        if (outputs.HtmlPath == "-")
            yield return "--html takes a file name; the page is written to a file to open in a browser, not to standard output";
        if (request.AnnotatePath == "-")
            yield return "--annotate takes a file name; a pcapng copy is not written to standard output";
        if (outputs.JsonPath == "-" && outputs.JsonLinesPath == "-")
            yield return "--json - and --jsonl - both ask for standard output; give one of them a file";
        if (request.AnnotatePath is not null && request.AnnotatePath != "-" && stdin)
            yield return "--annotate copies the input file and cannot read standard input twice; save the capture to a file first";
        var selection = request.Options.Selection;
        if (selection.NeedsTwoPasses && stdin)
            yield return $"{(selection.CallId is not null ? "--call-id" : "--client")} reads the captures twice (to find the call's media first); it cannot read standard input";
        if (selection.Filter is { } filter && BpfFilter.Check(filter) is { } why)
            yield return why;
    }

    /// <summary>Inputs that are missing or are not files (exit 66), each as its message.</summary>
    public static IEnumerable<string> MissingInputs(IReadOnlyList<CaptureInput> inputs)
    {
        foreach (var path in inputs.Select(i => i.Path).Where(p => p != "-").Distinct(StringComparer.Ordinal))
        {
            if (Directory.Exists(path))
                yield return $"{path} is a directory; analyze reads capture files (pcapsip batch {path} --out DIR reads every capture in it)";
            else if (!File.Exists(path))
                yield return $"{path}: no such file";
        }
    }

    /// <summary>Output files whose folder does not exist (exit 73): named by the output, not by the temporary file.</summary>
    public static IEnumerable<string> MissingFolders(IEnumerable<string> outputFiles)
    {
        foreach (var path in outputFiles)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null && !Directory.Exists(folder))
                yield return $"cannot write {path}: the directory {folder} does not exist";
        }
    }
}
