using System.Diagnostics;
using System.Text.Json;

namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>
/// Joins the outputs of the shards of one batch into the outputs of the whole batch: <c>summary.csv</c>,
/// <c>summary.json</c> and <c>findings.jsonl</c> from every shard's summary and every job's findings, and the
/// Parquet dataset <c>parquet/&lt;table&gt;/job=&lt;job&gt;/part.parquet</c> from every job's tables. The result
/// depends only on the jobs' outputs, so merging again (or twice at once: the last two shards may both see all
/// summaries) writes the same files; a lock file keeps two merges on one machine from interleaving.
/// </summary>
public static class BatchMerge
{
    private const string LockName = ".pcapsip-merge.lock";
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions SummaryJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// After a run: a shard merges when every shard of its batch has written its summary (it is the last one);
    /// an unsharded run, which writes the whole summary itself, adds the Parquet dataset.
    /// </summary>
    internal static void AfterRun(BatchOptions options, IEnumerable<BatchJobResult> results)
    {
        if (options.Shard is not null)
        {
            if (Missing(options.OutputDirectory, options.Shard.Value.Count).Count == 0) Merge(options.OutputDirectory);
            return;
        }
        if (options.Parquet)
            UnderLock(options.OutputDirectory, () => ParquetDataset.Build(options.OutputDirectory, results.Select(r => r.Job)));
    }

    /// <summary>
    /// Merges the shards whose summaries are in <paramref name="outputDirectory"/> (when shards of several shard
    /// counts are there, those of the most recently written summary). Writes nothing when a shard is missing.
    /// </summary>
    public static BatchMergeResult Merge(string outputDirectory)
    {
        var count = LatestShardCount(outputDirectory);
        if (count is null) return new BatchMergeResult { ShardCount = 0, Missing = ["summary.shard-*-of-*.json"] };
        var missing = Missing(outputDirectory, count.Value);
        if (missing.Count > 0) return new BatchMergeResult { ShardCount = count.Value, Missing = missing };

        var jobs = new List<BatchJobResult>();
        for (int i = 0; i < count.Value; i++)
            jobs.AddRange(ReadSummary(Path.Combine(outputDirectory, new BatchShard(i, count.Value).SummaryJson)));
        foreach (var job in jobs)
        {
            // The shards may have seen the folder under other paths (another pod's mount): the job lives here now.
            job.OutputDirectory = Path.Combine(outputDirectory, JobFolder(job.Job));
            // "skipped" says what one run did; in the batch's summary the job is done, whichever run did it.
            if (job.Status == "skipped") job.Status = "done";
        }
        int tables = UnderLock(outputDirectory, () =>
        {
            BatchRunner.WriteSummary(outputDirectory, BatchShard.WholeSummaryFiles, jobs);
            return ParquetDataset.Build(outputDirectory, jobs.Select(j => j.Job));
        });
        return new BatchMergeResult { ShardCount = count.Value, Missing = [], Jobs = jobs, ParquetFiles = tables };
    }

    /// <summary>The output folder of the job named <paramref name="job"/>.</summary>
    internal static string JobFolder(string job) => new BatchJob { Name = job, Inputs = [] }.SafeName;

    private static int? LatestShardCount(string outputDirectory)
    {
        if (!Directory.Exists(outputDirectory)) return null;
        var latest = Directory.EnumerateFiles(outputDirectory, "summary.shard-*.json")
            .Select(f => (Shard: BatchShard.OfSummaryJson(Path.GetFileName(f)), Time: File.GetLastWriteTimeUtc(f)))
            .Where(s => s.Shard is not null)
            .OrderByDescending(s => s.Time).ThenBy(s => s.Shard!.Value.Count)
            .FirstOrDefault();
        return latest.Shard?.Count;
    }

    private static List<string> Missing(string outputDirectory, int count) =>
        Enumerable.Range(0, count).Select(i => new BatchShard(i, count).SummaryJson)
            .Where(name => !File.Exists(Path.Combine(outputDirectory, name))).ToList();

    private static List<BatchJobResult> ReadSummary(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.GetProperty("jobs").Deserialize<List<BatchJobResult>>(SummaryJson) ?? [];
    }

    /// <summary>Runs <paramref name="work"/> holding the output folder's merge lock (an advisory lock on Linux).</summary>
    private static T UnderLock<T>(string outputDirectory, Func<T> work)
    {
        var path = Path.Combine(outputDirectory, LockName);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            FileStream? held = null;
            try
            {
                held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockWait)
            {
                Thread.Sleep(100);
                continue;
            }
            using (held) return work();
        }
    }
}
