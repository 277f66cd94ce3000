using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The files one analysis writes (each optional), shared by <c>analyze</c> and every <c>batch</c> job.
/// The files are written together or not at all (<see cref="StagedOutputs"/>).
/// </summary>
public sealed class ReportOutputs
{
    public string? JsonPath { get; init; }
    public string? JsonLinesPath { get; init; }
    public string? CsvDirectory { get; init; }
    public string? ParquetDirectory { get; init; }
    /// <summary>The tables as JSON Lines, one file per table.</summary>
    public string? JsonLinesTablesDirectory { get; init; }
    /// <summary>The self-contained HTML report with ladder diagrams.</summary>
    public string? HtmlPath { get; init; }

    /// <summary>Every file these outputs write (those inside the table folders too), to refuse any that is an input.</summary>
    public IEnumerable<string> Files()
    {
        if (JsonPath is not null && JsonPath != "-") yield return JsonPath;
        if (JsonLinesPath is not null && JsonLinesPath != "-") yield return JsonLinesPath;
        if (HtmlPath is not null) yield return HtmlPath;
        if (CsvDirectory is not null)
            foreach (var file in ReportTables.FilesIn(CsvDirectory, parquet: false)) yield return file;
        if (ParquetDirectory is not null)
            foreach (var file in ReportTables.FilesIn(ParquetDirectory, parquet: true)) yield return file;
        if (JsonLinesTablesDirectory is not null)
            foreach (var file in ReportTables.FilesIn(JsonLinesTablesDirectory, JsonLinesTables.Extension)) yield return file;
    }

    /// <summary>"PATH: reason" for every output that cannot be written (see <see cref="AtomicFile.WhyUnwritable"/>).</summary>
    public IEnumerable<string> Unwritable()
    {
        foreach (var (path, isDirectory) in new[] { (JsonPath, false), (JsonLinesPath, false), (HtmlPath, false), (CsvDirectory, true), (ParquetDirectory, true), (JsonLinesTablesDirectory, true) })
        {
            if (path is null || path == "-") continue;
            if (AtomicFile.WhyUnwritable(path, isDirectory) is { } why)
                yield return $"{path}: {why}";
        }
    }

    /// <summary>Writes every output at once (staged, then committed together).</summary>
    public void Write(AnalysisResult result, string toolVersion, string? job = null)
    {
        using var staged = new StagedOutputs();
        Stage(staged, result, toolVersion, job);
        staged.Commit();
    }

    /// <summary>Writes every output into <paramref name="staged"/>, which the caller commits with its other files.</summary>
    public void Stage(StagedOutputs staged, AnalysisResult result, string toolVersion, string? job = null)
    {
        if (JsonPath is not null && JsonPath != "-")
            staged.Write(JsonPath, s => JsonReportWriter.Write(s, result, toolVersion));
        if (JsonLinesPath is not null && JsonLinesPath != "-")
            staged.Write(JsonLinesPath, s => JsonLinesWriter.Write(s, result, job));
        if (HtmlPath is not null)
            staged.Write(HtmlPath, s => Html.HtmlReportWriter.Write(s, result, toolVersion));
        if (CsvDirectory is not null || ParquetDirectory is not null || JsonLinesTablesDirectory is not null)
        {
            var tables = ReportTables.Build(result, job);
            if (CsvDirectory is not null) tables.WriteCsv(staged, CsvDirectory);
            if (ParquetDirectory is not null) tables.WriteParquet(staged, ParquetDirectory);
            if (JsonLinesTablesDirectory is not null) tables.WriteJsonLines(staged, JsonLinesTablesDirectory);
        }
    }
}
