namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the finding_frames table: one frame cited by one finding.</summary>
public sealed class FindingFrameRow
{
    public int FindingId { get; set; }
    public string Kind { get; set; } = "";
    public string CaptureFile { get; set; } = "";
    /// <summary>The capture point the frame was seen at.</summary>
    public string? Point { get; set; }
    public long FrameNumber { get; set; }
    /// <summary>The batch job the row belongs to (null outside <c>batch</c>).</summary>
    public string? Job { get; set; }
}
