using System.Reflection;
using Parquet.Schema;
using Parquet.Serialization;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Writes (and reads back) a table of rows as Parquet with Parquet.Net, using the same row types and the same
/// snake_case column names as the CSV tables, so a query written against one works against the other.
/// </summary>
public static class ParquetTables
{
    public static void Write<TRow>(StagedOutputs outputs, string path, IEnumerable<TRow> rows)
    {
        var properties = typeof(TRow).GetProperties();
        var schema = new ParquetSchema(properties.Select(p => new DataField(Column<TRow>(p), p.PropertyType)).ToArray());
        var records = rows.Select(row => (IDictionary<string, object?>)properties.ToDictionary(
            p => Column<TRow>(p), p => p.GetValue(row))).ToList();
        outputs.Write(path, stream =>
            ParquetSerializer.SerializeUntypedAsync(records, schema, stream).GetAwaiter().GetResult());
    }

    /// <summary>Reads a table written by <see cref="Write{TRow}"/> back into rows (tests, tools).</summary>
    public static List<TRow> Read<TRow>(string path) where TRow : new()
    {
        using var stream = File.OpenRead(path);
        var table = ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult();
        var properties = typeof(TRow).GetProperties();
        return table.Data.Select(record =>
        {
            var row = new TRow();
            foreach (var p in properties)
                if (record.TryGetValue(Column<TRow>(p), out var value))
                    p.SetValue(row, value);
            return row;
        }).ToList();
    }

    private static string Column<TRow>(PropertyInfo property) => SnakeCaseMap<TRow>.ToSnakeCase(property.Name);
}
