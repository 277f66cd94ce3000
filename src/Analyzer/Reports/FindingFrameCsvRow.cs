namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of finding_frames.csv: one frame cited by one finding.</summary>
public sealed class FindingFrameCsvRow
{
    public int FindingId { get; set; }
    public string Kind { get; set; } = "";
    public string CaptureFile { get; set; } = "";
    public long FrameNumber { get; set; }
}
