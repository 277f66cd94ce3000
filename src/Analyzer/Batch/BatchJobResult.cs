namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>How one batch job went, one row of the combined summary.</summary>
public sealed class BatchJobResult
{
    public string Job { get; set; } = "";
    /// <summary>"done", "skipped" (finished in an earlier run, inputs unchanged) or "failed".</summary>
    public string Status { get; set; } = "";
    public int Files { get; set; }
    public long Packets { get; set; }
    public long SipMessages { get; set; }
    public int Errors { get; set; }
    public int Warnings { get; set; }
    public int Infos { get; set; }
    /// <summary>Why the job failed: each missing or broken input with its reason (a broken one's report covers the packets before the damage).</summary>
    public string? InputProblems { get; set; }
    /// <summary>An input of the job is missing or unreadable (exit 66 rather than 65).</summary>
    [System.Text.Json.Serialization.JsonIgnore, CsvHelper.Configuration.Attributes.Ignore]
    public bool InputMissing { get; set; }
    public double Seconds { get; set; }
    public string OutputDirectory { get; set; } = "";
}
