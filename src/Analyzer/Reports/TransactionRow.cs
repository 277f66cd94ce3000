using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// A row of the transactions table: one SIP transaction, once however many capture points saw it; the fields are
/// the leading point's (the one that saw the most of it).
/// </summary>
public sealed class TransactionRow
{
    /// <summary>Unique in the table whatever the points and files (the row's number); <see cref="IdAtPoint"/> is the engine's id.</summary>
    public long TransactionId { get; set; }
    public string Point { get; set; } = "";
    /// <summary>The lead copy's id at its point (the JSON report's <c>id</c> beside <c>point</c>).</summary>
    public long IdAtPoint { get; set; }
    public string CaptureFile { get; set; } = "";
    /// <summary>First frame of the transaction (the request, or the first response without one).</summary>
    public long FrameNumber { get; set; }
    public CaptureTime FirstTs { get; set; }
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
    /// <summary>Whether the final response reached the client (yes, no or unknown), from the best evidence at any point.</summary>
    public string Delivered { get; set; } = "unknown";
    /// <summary>The point whose packets prove <see cref="Delivered"/> (null while unknown).</summary>
    public string? DeliveredAt { get; set; }
    public int PointCount { get; set; }
    /// <summary>What each point saw ("pbx-uplink: 401 → 02:a0:00:00:00:fe; router1#lan-a: REGISTER only"), the first 16 points.</summary>
    public string Points { get; set; } = "";
    /// <summary>Part of a scan of its server (counted in the sip-scan finding, not reported per client).</summary>
    public bool ByScanner { get; set; }
    /// <summary>The batch job the row belongs to (null outside <c>batch</c>).</summary>
    public string? Job { get; set; }
}
