namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// A row of the registrations table: one registration attempt (a chain of REGISTER transactions), once however
/// many capture points saw it; the fields are the leading point's (the one whose outcome says most).
/// </summary>
public sealed class RegistrationRow
{
    public long RegistrationId { get; set; }
    /// <summary>The point whose registration leads the row (its id, frame and outcome).</summary>
    public string Point { get; set; } = "";
    public string CaptureFile { get; set; } = "";
    public long FrameNumber { get; set; }
    public string? StartTs { get; set; }
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
}
