namespace PcapSipAnalyzer.Analyzer.Reports.Tables;

/// <summary>
/// The type of a table column, the same in every format: CSV text, a Parquet physical/logical type and a JSON
/// value (<see cref="TableColumn"/> maps each row property to one).
/// </summary>
public enum ColumnType
{
    /// <summary>A whole number: Parquet INT64, a JSON number.</summary>
    Int64,
    /// <summary>Parquet DOUBLE, a JSON number.</summary>
    Double,
    /// <summary>Parquet BOOLEAN, JSON true/false, CSV <c>true</c>/<c>false</c>.</summary>
    Boolean,
    /// <summary>UTF-8 text: Parquet BYTE_ARRAY (STRING), a JSON string.</summary>
    Text,
    /// <summary>
    /// A capture time in ns since the Unix epoch, UTC: Parquet INT64 TIMESTAMP(NANOS, UTC), RFC 3339 text with nine
    /// fraction digits in CSV and JSON.
    /// </summary>
    Timestamp,
}
