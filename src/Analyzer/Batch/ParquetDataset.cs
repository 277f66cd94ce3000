using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>
/// The Parquet tables of every job of a batch as one Hive-partitioned dataset,
/// <c>OUT/parquet/&lt;table&gt;/job=&lt;job&gt;/part.parquet</c>, so a query over a table sees every job with a
/// <c>job</c> column (DuckDB: <c>read_parquet('OUT/parquet/findings/*/*.parquet', hive_partitioning = true)</c>).
/// The dataset is built beside its target and swapped in whole: a reader never sees half of it, and a job
/// gone from the batch leaves no partition behind.
/// </summary>
public static class ParquetDataset
{
    public const string Folder = "parquet";

    /// <summary>Rebuilds the dataset from the jobs named <paramref name="jobs"/>; returns the number of files (0: no job wrote Parquet, nothing changed).</summary>
    public static int Build(string outputDirectory, IEnumerable<string> jobs)
    {
        var target = Path.Combine(outputDirectory, Folder);
        // Unique per process on any host: pods sharing a volume all run as PID 1.
        var unique = $"{Environment.ProcessId}.{Guid.NewGuid():N}";
        var building = Path.Combine(outputDirectory, $".{Folder}.{unique}.tmp");
        var old = Path.Combine(outputDirectory, $".{Folder}.{unique}.old");
        try
        {
            RemoveTree(building);
            int files = 0;
            foreach (var job in jobs.Order(StringComparer.Ordinal))
            {
                var folder = BatchMerge.JobFolder(job);
                foreach (var table in ReportTables.FilesIn(Path.Combine(outputDirectory, folder, Folder), parquet: true))
                {
                    if (!File.Exists(table)) continue;
                    var partition = Directory.CreateDirectory(Path.Combine(building, Path.GetFileNameWithoutExtension(table), "job=" + folder));
                    File.Copy(table, Path.Combine(partition.FullName, "part.parquet"));
                    files++;
                }
            }
            if (files == 0) return 0;
            RemoveTree(old);
            if (Directory.Exists(target)) Directory.Move(target, old);
            Directory.Move(building, target);
            RemoveTree(old);
            return files;
        }
        finally
        {
            RemoveTree(building);
        }
    }

    private static void RemoveTree(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
