namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the transactions table: one SIP transaction at one capture point.</summary>
public sealed class TransactionRow
{
    public long TransactionId { get; set; }
    public string Point { get; set; } = "";
    public string CaptureFile { get; set; } = "";
    /// <summary>First frame of the transaction (the request, or the first response without one).</summary>
    public long FrameNumber { get; set; }
    public string? FirstTs { get; set; }
    public string Method { get; set; } = "";
    public string? CallId { get; set; }
    public long Cseq { get; set; }
    public string Branch { get; set; } = "";
    public string Transport { get; set; } = "";
    public string Client { get; set; } = "";
    public string Server { get; set; } = "";
    public int Requests { get; set; }
    public int Retransmissions { get; set; }
    public string Responses { get; set; } = "";
    public int? FinalStatus { get; set; }
    public double? ResponseTimeMs { get; set; }
    public string Outcome { get; set; } = "";
    public bool Authenticated { get; set; }
    public string? RequestMac { get; set; }
    public string? ResponseMac { get; set; }
    public bool? Symmetric { get; set; }
    public string? Delivery { get; set; }
}
