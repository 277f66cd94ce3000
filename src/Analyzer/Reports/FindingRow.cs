namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the findings table (findings.csv, findings.parquet): one finding; its frames are in finding_frames.csv under the same id.</summary>
public sealed class FindingRow
{
    public int FindingId { get; set; }
    /// <summary>The cause (causes.csv) this finding is evidence for.</summary>
    public string? CauseId { get; set; }
    public string Kind { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Explanation { get; set; } = "";
    public string? Client { get; set; }
    public string? Server { get; set; }
    public string? Transport { get; set; }
    public string? CallId { get; set; }
    public long? Cseq { get; set; }
    public string? ClientSymptom { get; set; }
    public int Count { get; set; }
    /// <summary>The first cited frame, so a row joins back to a frame without the frames table.</summary>
    public string? CaptureFile { get; set; }
    /// <summary>The capture point of the first cited frame.</summary>
    public string? Point { get; set; }
    public long? FrameNumber { get; set; }
    public string? WiresharkFilter { get; set; }
    /// <summary>frame.number in {…} for the frames of this finding in capture_file.</summary>
    public string? FrameFilter { get; set; }
    public string? LastSeenAt { get; set; }
    /// <summary>The batch job the row belongs to (null outside <c>batch</c>).</summary>
    public string? Job { get; set; }
}
