using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// A row of the registrations table: one registration attempt (a chain of REGISTER transactions), once however
/// many capture points saw it; the fields are the leading point's (the one whose outcome says most).
/// </summary>
public sealed class RegistrationRow
{
    /// <summary>Unique in the table whatever the points and files (the row's number); <see cref="IdAtPoint"/> is the engine's id.</summary>
    public long RegistrationId { get; set; }
    /// <summary>The point whose registration leads the row (its id, frame and outcome).</summary>
    public string Point { get; set; } = "";
    /// <summary>The lead copy's id at its point (the JSON report's <c>id</c> beside <c>point</c>).</summary>
    public long IdAtPoint { get; set; }
    public string CaptureFile { get; set; } = "";
    public long FrameNumber { get; set; }
    public CaptureTime StartTs { get; set; }
    public string Aor { get; set; } = "";
    public string? Contact { get; set; }
    public string Client { get; set; } = "";
    public string Server { get; set; } = "";
    public string Transport { get; set; } = "";
    public string CallId { get; set; } = "";
    /// <summary>CSeq of the last REGISTER of the chain.</summary>
    public long? Cseq { get; set; }
    public string? Outcome { get; set; }
    public int? FinalStatus { get; set; }
    /// <summary>Whether the final response reached the client: yes, no or unknown.</summary>
    public string Delivered { get; set; } = "unknown";
    public string? DeliveryEvidence { get; set; }
    public string? Username { get; set; }
    public int? Expires { get; set; }
    public int Transactions { get; set; }
    /// <summary>The point whose packets prove <see cref="Delivered"/> (null while unknown).</summary>
    public string? DeliveredAt { get; set; }
    /// <summary>Capture points that saw the registration.</summary>
    public int PointCount { get; set; }
    /// <summary>What each point saw ("pbx-uplink: 401 → 02:a0:00:00:00:fe; router1#lan-a: REGISTER only"), the first 16 points.</summary>
    public string Points { get; set; } = "";
    /// <summary>Every transaction of it part of a scan of its server (counted in the sip-scan finding); with outcome registered, a scanner that guessed a password.</summary>
    public bool ByScanner { get; set; }
    /// <summary>The batch job the row belongs to (null outside <c>batch</c>).</summary>
    public string? Job { get; set; }
}
