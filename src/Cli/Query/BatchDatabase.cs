using DuckDB.NET.Data;

namespace PcapSipAnalyzer.Cli.Query;

/// <summary>
/// An in-memory DuckDB over a batch's combined Parquet dataset (<c>OUT/parquet/&lt;table&gt;/job=&lt;job&gt;/</c>):
/// each table is a view of the same name with a <c>job</c> column (the Hive partition) beside the table's own
/// columns, among them <c>point</c>. Nothing is loaded or copied: DuckDB reads the Parquet files per query.
/// </summary>
internal sealed class BatchDatabase : IDisposable
{
    /// <summary>The tables a query can name.</summary>
    public static readonly string[] Views = ["findings", "causes", "transactions", "registrations", "dialogs", "rtp_streams", "captures", "finding_frames", "sip_points"];

    private readonly DuckDBConnection _connection;

    private BatchDatabase(DuckDBConnection connection) => _connection = connection;

    /// <summary>The dataset folder of <paramref name="outputDirectory"/>, or null when the batch wrote none.</summary>
    public static string? DatasetOf(string outputDirectory)
    {
        var dataset = Path.Combine(outputDirectory, "parquet");
        return Directory.Exists(dataset) ? dataset : null;
    }

    public static BatchDatabase Open(string dataset)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var database = new BatchDatabase(connection);
        foreach (var view in Views)
        {
            var files = Path.Combine(Path.GetFullPath(dataset), view);
            if (!Directory.Exists(files)) continue;
            var glob = Path.Combine(files, "*", "*.parquet").Replace("'", "''", StringComparison.Ordinal);
            database.Execute($"CREATE VIEW {view}_files AS SELECT * FROM read_parquet('{glob}', hive_partitioning = true, union_by_name = true)");
        }
        foreach (var view in Views)
            if (database.Columns(view + "_files") is { Count: > 0 } columns)
                database.Execute($"CREATE VIEW {view} AS {WithPoint(view, columns)}");
        return database;
    }

    // Every view has a point. Tables without one get it from their capture file when that file is one capture
    // point (a pcapng with several interfaces is several: null then); a table without a capture file (causes,
    // which span points) gets null.
    private static string WithPoint(string view, List<string> columns)
    {
        if (columns.Contains("point")) return $"SELECT * FROM {view}_files";
        if (!columns.Contains("capture_file")) return $"SELECT *, CAST(NULL AS VARCHAR) AS point FROM {view}_files";
        return $"SELECT t.*, p.point FROM {view}_files t LEFT JOIN (SELECT job, capture_file, min(point) AS point FROM captures_files " +
               "GROUP BY job, capture_file HAVING count(DISTINCT point) = 1) p ON p.job = t.job AND p.capture_file = t.capture_file";
    }

    private List<string> Columns(string view)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT column_name FROM information_schema.columns WHERE table_name = '{view}' ORDER BY ordinal_position";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="sql"/>, streaming its columns and rows to <paramref name="output"/>.</summary>
    public void Run(string sql, IQueryOutput output)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        output.Begin(columns);
        var row = new object?[reader.FieldCount];
        while (reader.Read())
        {
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            output.Row(row);
        }
        output.End();
    }

    public void Dispose() => _connection.Dispose();
}
