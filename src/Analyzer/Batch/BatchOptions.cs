using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>Options of a batch run.</summary>
public sealed class BatchOptions
{
    public required string OutputDirectory { get; init; }
    public int Jobs { get; init; } = 1;
    /// <summary>Skip jobs whose outputs are complete for unchanged inputs.</summary>
    public bool Resume { get; init; } = true;
    public bool Csv { get; init; } = true;
    /// <summary>Also write each job's tables as Parquet (OUT/&lt;job&gt;/parquet/), to query all jobs together.</summary>
    public bool Parquet { get; init; }
    /// <summary>Also write each job's HTML report (OUT/&lt;job&gt;/report.html).</summary>
    public bool Html { get; init; }
    /// <summary>The shard this run is, or null for the whole batch.</summary>
    public BatchShard? Shard { get; init; }
    public AnalysisOptions Analysis { get; init; } = new();
    public string ToolVersion { get; init; } = "0.0.0";
}
