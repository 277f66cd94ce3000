using System.Globalization;
using CsvHelper;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Writes one CSV table with CsvHelper, staged with the run's other outputs. Rows are plain classes whose PascalCase property names become
/// snake_case column names (<see cref="SnakeCaseMap{TRow}"/>).
/// </summary>
public static class CsvTables
{
    public static void Write<TRow>(StagedOutputs outputs, string path, IEnumerable<TRow> rows)
    {
        outputs.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = new SafeCsvWriter(writer);
            csv.Context.RegisterClassMap<SnakeCaseMap<TRow>>();
            csv.WriteRecords(rows);
        });
    }

    /// <summary>Reads a table back (tests and tools that join outputs of many jobs).</summary>
    public static List<TRow> Read<TRow>(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Context.RegisterClassMap<SnakeCaseMap<TRow>>();
        return csv.GetRecords<TRow>().ToList();
    }
}
