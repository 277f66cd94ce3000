namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the registrations table: one registration attempt (a chain of REGISTER transactions).</summary>
public sealed class RegistrationRow
{
    public long RegistrationId { get; set; }
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
}
