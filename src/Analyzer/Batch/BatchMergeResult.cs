namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>What <see cref="BatchMerge.Merge"/> found and wrote.</summary>
public sealed class BatchMergeResult
{
    /// <summary>The shard count of the merged shards (0: no shard summary found).</summary>
    public required int ShardCount { get; init; }
    /// <summary>The summary files of shards that have not finished; the merge wrote nothing while any is missing.</summary>
    public required List<string> Missing { get; init; }
    public List<BatchJobResult> Jobs { get; init; } = [];
    /// <summary>Parquet files in the combined dataset.</summary>
    public int ParquetFiles { get; init; }
}
