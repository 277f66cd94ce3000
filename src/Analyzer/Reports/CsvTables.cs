using System.Globalization;
using CsvHelper;
using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Writes one CSV table, staged with the run's other outputs: a header of the snake_case column names, then one
/// line per row, each cell written by its column's type (<see cref="TableSchema{TRow}"/>): numbers invariant,
/// booleans <c>true</c>/<c>false</c>, times RFC 3339 with nine fraction digits, null an empty cell.
/// </summary>
public static class CsvTables
{
    public static void Write<TRow>(StagedOutputs outputs, string path, IEnumerable<TRow> rows)
    {
        var columns = TableSchema<TRow>.Columns;
        outputs.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = new SafeCsvWriter(writer);
            foreach (var column in columns) csv.WriteField(column.Name);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var column in columns)
                    csv.WriteCell(Cell(column.Get(row!)), column.Type is ColumnType.Int64 or ColumnType.Double);
                csv.NextRecord();
            }
        });
    }

    /// <summary>A cell's text: the same for every table and the form the JSON report gives the value.</summary>
    public static string? Cell(object? value) => value switch
    {
        null => null,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        CaptureTime t => t.ToString(),
        string s => s,
        _ => throw new InvalidOperationException($"{value.GetType().Name} is not a table cell"),
    };

    /// <summary>Reads a table back (tests and tools that join outputs of many jobs).</summary>
    public static List<TRow> Read<TRow>(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Context.RegisterClassMap<SnakeCaseMap<TRow>>();
        return csv.GetRecords<TRow>().ToList();
    }
}
