using System.Globalization;
using System.Text.Json;
using CsvHelper;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Serialization;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The tables as <c>--csv</c>, <c>--parquet</c> and <c>--jsonl-tables</c> write them, each read back with its own
/// reader (CsvHelper cells, Parquet.Net's untyped records, System.Text.Json), never through the row classes: every
/// table holds the same columns and the same rows cell by cell in all three, with the types its definition declares
/// (the Parquet schema's physical and logical types, JSON value kinds, CSV text), and DuckDB reads the Parquet with
/// those types. Two lab scenarios with several capture points: one-way-audio has rows in every table (findings, RTP,
/// a call), the field case a wrong-gateway cause with its next hops.
/// </summary>
public class TableFormatsAgreeTests
{
    private static readonly Dictionary<string, IReadOnlyList<TableColumn>> Tables =
        ReportTables.Schemas.ToDictionary(t => t.Name, t => t.Columns);

    [Theory]
    [InlineData("one-way-audio", true)]
    [InlineData("wrong-gateway-drop", false)]
    public void Csv_parquet_and_json_lines_hold_the_same_rows_with_the_declared_types(string name, bool everyTableHasRows)
    {
        var scenario = LabScenario.Load(name);
        using var folder = new TempFolder();
        PcapsipCli.Run("analyze", scenario.PbxUplink, scenario.Router1!, "--no-progress", "--csv", folder.File("csv"),
            "--parquet", folder.File("parquet"), "--jsonl-tables", folder.File("jsonl"), "--jsonl", folder.File("findings.jsonl")).Succeeded();

        Assert.Equal(Tables.Keys.Order(), Directory.GetFiles(folder.File("csv")).Select(Path.GetFileNameWithoutExtension).Order());
        foreach (var (table, columns) in Tables)
        {
            var names = columns.Select(c => c.Name).ToList();
            Assert.Contains("point", names);
            Assert.Contains("capture_file", names);
            Assert.Contains("job", names);

            var csv = ReadCsv(Path.Combine(folder.File("csv"), table + ".csv"), names);
            var json = ReadJsonLines(Path.Combine(folder.File("jsonl"), table + ".jsonl"), names);
            var parquet = ReadParquet(Path.Combine(folder.File("parquet"), table + ".parquet"), columns);
            Assert.True(csv.Count > 0 || !everyTableHasRows, $"{name}: {table} has no rows, so it proves nothing");
            Assert.Equal(csv.Count, json.Count);
            Assert.Equal(csv.Count, parquet.Count);
            for (int r = 0; r < csv.Count; r++)
                for (int c = 0; c < columns.Count; c++)
                {
                    var column = columns[c];
                    string where = $"{table} row {r + 1} {column.Name}";
                    var fromCsv = FromCsv(csv[r][c], column, where);
                    Assert.Equal(fromCsv, FromJson(json[r][column.Name], column, where));
                    Assert.Equal(Ticks(fromCsv, column), FromParquet(parquet[r].GetValueOrDefault(column.Name), column, where));
                }
            AssertIdsUnique(table, names, csv);
            AssertDuckDbTypes(Path.Combine(folder.File("parquet"), table + ".parquet"), columns, csv.Count);
        }
        AssertJsonLinesFindingsNameTheirFrame(folder);
    }

    [Fact]
    public void Batch_tables_name_their_job_on_every_row_and_the_dataset_keeps_the_types()
    {
        var scenario = LabScenario.Load("one-way-audio");
        using var folder = new TempFolder();
        var input = folder.File("call@pbx.pcap");
        File.Copy(scenario.PbxUplink, input);
        var output = folder.File("out");
        PcapsipCli.Run("batch", input, "--out", output, "--parquet", "--no-resume").Succeeded();
        foreach (var (table, columns) in Tables)
        {
            var names = columns.Select(c => c.Name).ToList();
            var rows = ReadCsv(Path.Combine(output, "call", "csv", table + ".csv"), names);
            Assert.All(rows, row => Assert.Equal("call", row[names.IndexOf("job")]));
            var parquet = ReadParquet(Path.Combine(output, "call", "parquet", table + ".parquet"), columns);
            Assert.All(parquet, row => Assert.Equal("call", row["job"]));
            var part = Path.Combine(output, "parquet", table, "job=call", "part.parquet");
            AssertDuckDbTypes(part, columns, rows.Count);
        }
    }

    [Fact]
    public void A_finished_job_whose_tables_had_other_columns_is_redone_not_skipped()
    {
        using var folder = new TempFolder();
        var input = folder.File("call.pcap");
        File.Copy(LabScenario.Load("one-way-audio").PbxUplink, input);
        var output = folder.File("out");
        PcapsipCli.Run("batch", input, "--out", output, "--parquet").Succeeded();
        Assert.Equal("skipped", JobStatus(PcapsipCli.Run("batch", input, "--out", output, "--parquet").Succeeded(), output));

        // As a tool with other table definitions would have left it: same inputs, another tables line.
        var marker = Path.Combine(output, "call.pcap", ".pcapsip-complete");
        var lines = File.ReadAllLines(marker);
        Assert.StartsWith("tables|", lines[^1], StringComparison.Ordinal);
        File.WriteAllText(marker, string.Join("\n", lines[..^1].Append("tables|0123456789abcdef")));
        Assert.Equal("done", JobStatus(PcapsipCli.Run("batch", input, "--out", output, "--parquet").Succeeded(), output));
        Assert.Equal(ReportTables.SchemaDigest, File.ReadAllLines(marker)[^1]["tables|".Length..]);
    }

    private static string JobStatus(CliRun run, string output)
    {
        Assert.Equal(0, run.ExitCode);
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "summary.json")));
        return summary.RootElement.GetProperty("jobs")[0].GetProperty("status").GetString()!;
    }

    /// <summary>A cell as the test compares it: invariant text, null for an empty cell (CSV cannot tell "" from null).</summary>
    private static string? FromCsv(string text, TableColumn column, string where)
    {
        if (text.Length == 0)
        {
            Assert.True(column.Nullable || column.Type == ColumnType.Text, $"{where}: empty cell in a column that is never null");
            return null;
        }
        return column.Type switch
        {
            ColumnType.Int64 => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            ColumnType.Double => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
            ColumnType.Boolean => text is "true" or "false" ? text : throw new Xunit.Sdk.XunitException($"{where}: '{text}' is not a boolean"),
            ColumnType.Timestamp => Timestamps.Rfc3339(Timestamps.ParseRfc3339(text)) == text ? text : throw new Xunit.Sdk.XunitException($"{where}: '{text}' is not RFC 3339 with 9 digits"),
            // The CSV writer's formula escape is the only change it makes to text.
            _ => text.Length > 1 && text[0] == '\'' && "=+-@\t\r".Contains(text[1]) ? text[1..] : text,
        };
    }

    private static string? FromJson(JsonElement value, TableColumn column, string where)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            Assert.True(column.Nullable, $"{where}: null in a column that is never null");
            return null;
        }
        bool declared = column.Type switch
        {
            ColumnType.Int64 or ColumnType.Double => value.ValueKind == JsonValueKind.Number,
            ColumnType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => value.ValueKind == JsonValueKind.String,
        };
        Assert.True(declared, $"{where}: JSON {value.ValueKind}, declared {column.Type}");
        return column.Type switch
        {
            ColumnType.Int64 => value.GetInt64().ToString(CultureInfo.InvariantCulture),
            ColumnType.Double => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            ColumnType.Boolean => value.GetBoolean() ? "true" : "false",
            _ => value.GetString() is { Length: > 0 } s ? s : null,
        };
    }

    // Parquet.Net writes and reads times as .NET DateTime (100 ns ticks): the one place a cell may differ, by the
    // last two of nine digits, so the CSV's time is cut to the tick before comparing.
    private static string? Ticks(string? cell, TableColumn column) =>
        cell is not null && column.Type == ColumnType.Timestamp
            ? Timestamps.Rfc3339(Timestamps.ParseRfc3339(cell) / 100 * 100)
            : cell;

    private static string? FromParquet(object? value, TableColumn column, string where)
    {
        if (value is null)
        {
            Assert.True(column.Nullable, $"{where}: null in a column that is never null");
            return null;
        }
        return (column.Type, value) switch
        {
            (ColumnType.Int64, long l) => l.ToString(CultureInfo.InvariantCulture),
            (ColumnType.Double, double d) => d.ToString("R", CultureInfo.InvariantCulture),
            (ColumnType.Boolean, bool b) => b ? "true" : "false",
            (ColumnType.Timestamp, DateTime t) => Timestamps.Rfc3339((t.ToUniversalTime() - DateTime.UnixEpoch).Ticks * 100),
            (ColumnType.Text, string s) => s.Length > 0 ? s : null,
            _ => throw new Xunit.Sdk.XunitException($"{where}: Parquet gives {value.GetType().Name}, declared {column.Type}"),
        };
    }

    private static List<string[]> ReadCsv(string path, List<string> names)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        Assert.True(csv.Read() && csv.ReadHeader());
        Assert.Equal(names, csv.HeaderRecord!);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(Enumerable.Range(0, names.Count).Select(i => csv.GetField(i)!).ToArray());
        return rows;
    }

    private static List<Dictionary<string, JsonElement>> ReadJsonLines(string path, List<string> names) =>
        File.ReadAllLines(path).Select(line =>
        {
            var row = JsonDocument.Parse(line).RootElement.EnumerateObject().ToList();
            Assert.Equal(names, row.Select(p => p.Name));
            return row.ToDictionary(p => p.Name, p => p.Value.Clone());
        }).ToList();

    private static List<Dictionary<string, object>> ReadParquet(string path, IReadOnlyList<TableColumn> columns)
    {
        using (var stream = File.OpenRead(path))
            AssertParquetTypes(stream, columns).GetAwaiter().GetResult();
        using var data = File.OpenRead(path);
        return ParquetSerializer.DeserializeUntypedAsync(data).GetAwaiter().GetResult().Data.ToList();
    }

    /// <summary>The file's own schema: physical type, TIMESTAMP(NANOS, UTC) and REQUIRED/OPTIONAL as declared.</summary>
    private static async Task AssertParquetTypes(Stream stream, IReadOnlyList<TableColumn> columns)
    {
        await using var reader = await ParquetReader.CreateAsync(stream);
        var elements = reader.Metadata!.Schema.Skip(1).ToList();
        Assert.Equal(columns.Select(c => c.Name), elements.Select(e => e.Name));
        foreach (var (column, element) in columns.Zip(elements))
        {
            var physical = column.Type switch
            {
                ColumnType.Int64 or ColumnType.Timestamp => Parquet.Meta.Type.INT64,
                ColumnType.Double => Parquet.Meta.Type.DOUBLE,
                ColumnType.Boolean => Parquet.Meta.Type.BOOLEAN,
                _ => Parquet.Meta.Type.BYTE_ARRAY,
            };
            Assert.True(physical == element.Type, $"{column.Name}: {element.Type}, declared {column.Type}");
            Assert.Equal(column.Nullable ? Parquet.Meta.FieldRepetitionType.OPTIONAL : Parquet.Meta.FieldRepetitionType.REQUIRED, element.RepetitionType);
            var timestamp = element.LogicalType?.TIMESTAMP;
            Assert.Equal(column.Type == ColumnType.Timestamp, timestamp is not null);
            if (timestamp is not null)
            {
                Assert.NotNull(timestamp.Unit.NANOS);
                Assert.True(timestamp.IsAdjustedToUTC, $"{column.Name}: not UTC");
            }
        }
    }

    private static void AssertDuckDbTypes(string path, IReadOnlyList<TableColumn> columns, int rows)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var describe = connection.CreateCommand();
        describe.CommandText = $"DESCRIBE SELECT * FROM read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";
        var types = new List<string>();
        using (var reader = describe.ExecuteReader())
            while (reader.Read()) types.Add($"{reader.GetString(0)} {reader.GetString(1)}");
        Assert.Equal(columns.Select(c => $"{c.Name} {DuckDbType(c.Type)}"), types);
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";
        Assert.Equal((long)rows, Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    private static string DuckDbType(ColumnType type) => type switch
    {
        ColumnType.Int64 => "BIGINT",
        ColumnType.Double => "DOUBLE",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Timestamp => "TIMESTAMP WITH TIME ZONE",
        _ => "VARCHAR",
    };

    // A table's id is unique within it whatever the capture points (the engines number each point from 1).
    private static void AssertIdsUnique(string table, List<string> names, List<string[]> rows)
    {
        var id = table switch
        {
            "transactions" => "transaction_id",
            "registrations" => "registration_id",
            "dialogs" => "dialog_id",
            "findings" => "finding_id",
            "causes" => "cause_id",
            _ => null,
        };
        if (id is null) return;
        int i = names.IndexOf(id);
        Assert.Equal(rows.Count, rows.Select(r => r[i]).Distinct().Count());
    }

    // findings.jsonl lines carry the point and capture file of the finding's first frame, as the findings table does.
    private static void AssertJsonLinesFindingsNameTheirFrame(TempFolder folder)
    {
        var findings = ReadCsv(Path.Combine(folder.File("csv"), "findings.csv"), TableSchema<FindingRow>.Columns.Select(c => c.Name).ToList());
        var names = TableSchema<FindingRow>.Columns.Select(c => c.Name).ToList();
        var lines = File.ReadAllLines(folder.File("findings.jsonl"));
        Assert.Equal(findings.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            var line = JsonDocument.Parse(lines[i]).RootElement;
            Assert.Equal(findings[i][names.IndexOf("point")], line.GetProperty("point").GetString());
            Assert.Equal(findings[i][names.IndexOf("capture_file")], line.GetProperty("capture_file").GetString());
        }
    }
}
