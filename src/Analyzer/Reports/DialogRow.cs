using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the dialogs table: one INVITE dialog (call), once however many capture points saw it.</summary>
public sealed class DialogRow
{
    /// <summary>Unique in the table whatever the points and files (the row's number); <see cref="IdAtPoint"/> is the engine's id.</summary>
    public long DialogId { get; set; }
    public string Point { get; set; } = "";
    /// <summary>The lead copy's id at its point (the JSON report's <c>id</c> beside <c>point</c>).</summary>
    public long IdAtPoint { get; set; }
    public string CaptureFile { get; set; } = "";
    public long FrameNumber { get; set; }
    public CaptureTime InviteTs { get; set; }
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
    /// <summary>Its INVITE part of a scan of its server (a toll-fraud probe, counted in the sip-scan finding).</summary>
    public bool ByScanner { get; set; }
    /// <summary>The batch job the row belongs to (null outside <c>batch</c>).</summary>
    public string? Job { get; set; }
}
