using DuckDB.NET.Data;

namespace PcapSipAnalyzer.Cli.Query;

/// <summary>
/// An in-memory DuckDB over a batch's combined Parquet dataset (<c>OUT/parquet/&lt;table&gt;/job=&lt;job&gt;/</c>):
/// each table is a view of the same name, whose rows carry <c>job</c>, <c>point</c> and <c>capture_file</c> like
/// every table row (a dataset written under another schema is redone by the batch, whose completion marker holds
/// the schema's digest). Nothing is loaded or copied: DuckDB reads the Parquet files per query.
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
            database.Execute($"CREATE VIEW {view} AS SELECT * FROM read_parquet('{glob}', hive_partitioning = true, union_by_name = true)");
        }
        return database;
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
