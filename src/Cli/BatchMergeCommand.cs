using PcapSipAnalyzer.Analyzer.Batch;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// <c>pcapsip batch --merge OUT</c>: joins the shards of a batch that ran into OUT (Slurm array tasks,
/// Kubernetes Indexed Job pods) into the whole batch's summary, findings and Parquet dataset. The last
/// shard to finish does this itself; the command is for a shard that never finished or a merge to redo.
/// </summary>
internal static class BatchMergeCommand
{
    public static int Run(string directory, string[] paths, string? output)
    {
        if (paths.Length > 0 || output is not null)
        {
            Console.Error.WriteLine("pcapsip: batch --merge OUT takes no PATHs and no --out: it reads the shards' outputs in OUT.");
            return ExitCodes.Usage;
        }
        BatchMergeResult merged;
        try
        {
            merged = BatchMerge.Merge(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pcapsip: cannot merge {directory}: {e.Message}");
            return ExitCodes.CannotCreate;
        }
        if (merged.Missing.Count > 0)
        {
            Console.Error.WriteLine(merged.ShardCount == 0
                ? $"pcapsip: {directory} holds no shard summary (summary.shard-i-of-N.json): nothing to merge."
                : $"pcapsip: {merged.Missing.Count} of {merged.ShardCount} shards have not finished: {string.Join(", ", merged.Missing.Take(8))}{(merged.Missing.Count > 8 ? ", …" : "")}");
            return ExitCodes.NoInput;
        }
        Console.Error.WriteLine($"pcapsip: merged {merged.ShardCount} shards: {merged.Jobs.Count} job(s), {merged.ParquetFiles} Parquet file(s)");
        return ExitCodes.Ok;
    }

    /// <summary>A batch run without --out (and without --merge).</summary>
    public static int NoOutput()
    {
        Console.Error.WriteLine("pcapsip: batch needs --out DIR (or --merge OUT to join finished shards).");
        return ExitCodes.Usage;
    }
}
