using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The files one analysis writes (each optional), shared by <c>analyze</c> and every <c>batch</c> job.
/// Every file is written atomically.
/// </summary>
public sealed class ReportOutputs
{
    public string? JsonPath { get; init; }
    public string? JsonLinesPath { get; init; }
    public string? CsvDirectory { get; init; }
    public string? ParquetDirectory { get; init; }

    public IEnumerable<string> Paths()
    {
        if (JsonPath is not null && JsonPath != "-") yield return JsonPath;
        if (JsonLinesPath is not null && JsonLinesPath != "-") yield return JsonLinesPath;
        if (CsvDirectory is not null) yield return CsvDirectory;
        if (ParquetDirectory is not null) yield return ParquetDirectory;
    }

    /// <summary>"PATH: reason" for every output that cannot be written (see <see cref="AtomicFile.WhyUnwritable"/>).</summary>
    public IEnumerable<string> Unwritable()
    {
        foreach (var (path, isDirectory) in new[] { (JsonPath, false), (JsonLinesPath, false), (CsvDirectory, true), (ParquetDirectory, true) })
        {
            if (path is null || path == "-") continue;
            if (AtomicFile.WhyUnwritable(path, isDirectory) is { } why)
                yield return $"{path}: {why}";
        }
    }

    public void Write(AnalysisResult result, string toolVersion, string? job = null)
    {
        if (JsonPath is not null && JsonPath != "-")
            AtomicFile.Write(JsonPath, s => JsonReportWriter.Write(s, result, toolVersion));
        if (JsonLinesPath is not null && JsonLinesPath != "-")
            AtomicFile.Write(JsonLinesPath, s => JsonLinesWriter.Write(s, result, job));
        if (CsvDirectory is not null || ParquetDirectory is not null)
        {
            var tables = ReportTables.Build(result);
            if (CsvDirectory is not null) tables.WriteCsv(CsvDirectory);
            if (ParquetDirectory is not null) tables.WriteParquet(ParquetDirectory);
        }
    }
}
