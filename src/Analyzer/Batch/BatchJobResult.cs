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
    /// <summary>Input problems (format errors, missing files) — the job still completed on what was readable.</summary>
    public string? InputProblems { get; set; }
    public double Seconds { get; set; }
    public string OutputDirectory { get; set; } = "";
}
