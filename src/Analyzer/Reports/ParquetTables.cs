using Parquet;
using Parquet.Schema;
using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Writes (and reads back) a table as Parquet with Parquet.Net, with the columns of the CSV tables
/// (<see cref="TableSchema{TRow}"/>) and their types: INT64, DOUBLE, BOOLEAN, STRING and
/// TIMESTAMP(NANOS, UTC). Parquet.Net takes times as .NET <see cref="DateTime"/>, so a timestamp keeps 100 ns
/// (a tick): the last two of the nine digits the CSV and JSON give are zero.
/// </summary>
public static class ParquetTables
{
    public static void Write<TRow>(StagedOutputs outputs, string path, IEnumerable<TRow> rows)
    {
        var columns = TableSchema<TRow>.Columns;
        var fields = columns.Select(Field).ToArray();
        var list = rows.ToList();
        outputs.Write(path, stream => WriteAsync(stream, columns, fields, list).GetAwaiter().GetResult());
    }

    private static async Task WriteAsync<TRow>(Stream stream, IReadOnlyList<TableColumn> columns, DataField[] fields, List<TRow> rows)
    {
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var group = writer.CreateRowGroup();
        for (int c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var cells = rows.ConvertAll(row => column.Get(row!));
            switch (column.Type)
            {
                case ColumnType.Int64: await WriteAsync(group, fields[c], cells, v => (long)v); break;
                case ColumnType.Double: await WriteAsync(group, fields[c], cells, v => (double)v); break;
                case ColumnType.Boolean: await WriteAsync(group, fields[c], cells, v => (bool)v); break;
                case ColumnType.Timestamp: await WriteAsync(group, fields[c], cells, v => ((CaptureTime)v).UtcDateTime); break;
                default: await group.WriteAsync(fields[c], cells.ConvertAll(v => (string?)v)); break;
            }
        }
    }

    private static async Task WriteAsync<T>(ParquetRowGroupWriter group, DataField field, List<object?> cells, Func<object, T> value) where T : struct
    {
        if (field.IsNullable) await group.WriteAsync<T>(field, cells.ConvertAll(v => v is null ? (T?)null : value(v)).ToArray().AsMemory());
        else await group.WriteAsync<T>(field, cells.ConvertAll(v => value(v!)).ToArray().AsMemory());
    }

    /// <summary>The Parquet field of a column: its name, physical and logical type and nullability.</summary>
    public static DataField Field(TableColumn column) => column.Type switch
    {
        ColumnType.Int64 => new DataField(column.Name, typeof(long), column.Nullable),
        ColumnType.Double => new DataField(column.Name, typeof(double), column.Nullable),
        ColumnType.Boolean => new DataField(column.Name, typeof(bool), column.Nullable),
        ColumnType.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, DateTimeTimeUnit.Nanos, column.Nullable),
        _ => new DataField(column.Name, typeof(string), column.Nullable),
    };

    /// <summary>Reads a table written by <see cref="Write{TRow}"/> back into rows (tests, tools).</summary>
    public static List<TRow> Read<TRow>(string path) where TRow : new()
    {
        using var stream = File.OpenRead(path);
        var table = Parquet.Serialization.ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult();
        var columns = TableSchema<TRow>.Columns;
        return table.Data.Select(record =>
        {
            var row = new TRow();
            foreach (var column in columns)
                if (record.TryGetValue(column.Name, out var value))
                    column.Set(row, value);
            return row;
        }).ToList();
    }
}
