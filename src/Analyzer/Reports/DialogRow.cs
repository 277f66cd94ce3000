namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the dialogs table: one INVITE dialog (call).</summary>
public sealed class DialogRow
{
    public long DialogId { get; set; }
    public string Point { get; set; } = "";
    public string CaptureFile { get; set; } = "";
    public long FrameNumber { get; set; }
    public string? InviteTs { get; set; }
    public string CallId { get; set; } = "";
    public string Caller { get; set; } = "";
    public string Callee { get; set; } = "";
    public string? CallerUri { get; set; }
    public string? CalleeUri { get; set; }
    public string Transport { get; set; } = "";
    public string State { get; set; } = "";
    public string? Outcome { get; set; }
    public int? FinalStatus { get; set; }
    public double? SetupTimeMs { get; set; }
    public double? DurationMs { get; set; }
    public string? HungUpBy { get; set; }
}
