namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the finding_frames table: one frame cited by one finding.</summary>
public sealed class FindingFrameRow
{
    public int FindingId { get; set; }
    public string Kind { get; set; } = "";
    public string CaptureFile { get; set; } = "";
    public long FrameNumber { get; set; }
}
