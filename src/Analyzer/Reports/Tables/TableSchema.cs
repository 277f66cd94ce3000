namespace PcapSipAnalyzer.Analyzer.Reports.Tables;

/// <summary>
/// The columns of the table whose rows are <typeparamref name="TRow"/>: one per public property, in declaration
/// order. The row class is the table's one definition; CSV, Parquet and JSON Lines are all written from it.
/// </summary>
public static class TableSchema<TRow>
{
    public static IReadOnlyList<TableColumn> Columns { get; } = typeof(TRow).GetProperties().Select(TableColumn.Of).ToArray();
}
