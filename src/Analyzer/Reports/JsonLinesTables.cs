using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// A table as JSON Lines: one object per row with the table's columns (<see cref="TableSchema{TRow}"/>) as
/// members, in column order: numbers and booleans as JSON values, times as RFC 3339 strings with nine fraction
/// digits, an empty cell as null (a double that is not finite too: JSON has no NaN).
/// </summary>
public static class JsonLinesTables
{
    public const string Extension = ".jsonl";

    private static readonly JsonWriterOptions Options = new() { Encoder = ReportJsonEncoder.Instance };

    public static void Write<TRow>(StagedOutputs outputs, string path, IEnumerable<TRow> rows) =>
        outputs.Write(path, stream =>
        {
            foreach (var row in rows)
            {
                using (var json = new Utf8JsonWriter(stream, Options))
                {
                    json.WriteStartObject();
                    WriteColumns(json, row!);
                    json.WriteEndObject();
                }
                stream.WriteByte((byte)'\n');
            }
        });

    /// <summary>The row's columns as members of the object being written.</summary>
    public static void WriteColumns<TRow>(Utf8JsonWriter json, TRow row)
    {
        foreach (var column in TableSchema<TRow>.Columns)
        {
            json.WritePropertyName(column.Name);
            switch (column.Get(row!))
            {
                case null: json.WriteNullValue(); break;
                case long l: json.WriteNumberValue(l); break;
                case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
                case double: json.WriteNullValue(); break;
                case bool b: json.WriteBooleanValue(b); break;
                case var value: json.WriteStringValue(CsvTables.Cell(value)); break;
            }
        }
    }
}
