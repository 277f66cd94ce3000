namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the dialogs table: one INVITE dialog (call), once however many capture points saw it.</summary>
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
    public int PointCount { get; set; }
    /// <summary>What each point saw of the initial INVITE ("pbx-uplink: 200 → …; router1#lan-a: 200 → …"), the first 16 points.</summary>
    public string Points { get; set; } = "";
}
