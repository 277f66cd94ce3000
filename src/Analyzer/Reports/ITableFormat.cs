namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A file format the report's tables can be written in (CSV, Parquet): one table per file.</summary>
internal interface ITableFormat
{
    string Extension { get; }

    void Write<TRow>(StagedOutputs outputs, string path, IEnumerable<TRow> rows);
}
