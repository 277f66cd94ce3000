namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// A row of the sip_points table: what one capture point saw of one transaction, registration or call. The
/// transactions, registrations and dialogs tables have one row per item across the points; this table has one
/// row per item and point, so every point is there however many saw the item (their <c>points</c> column names
/// the first 16). Join on item_kind + item_id (the item's row id in its table).
/// </summary>
public sealed class SipPointRow
{
    /// <summary>transaction, registration or dialog.</summary>
    public string ItemKind { get; set; } = "";
    /// <summary>The item's id in its table (transaction_id, registration_id or dialog_id).</summary>
    public long ItemId { get; set; }
    public string Point { get; set; } = "";
    /// <summary>The item's id at this point.</summary>
    public long IdAtPoint { get; set; }
    public string CaptureFile { get; set; } = "";
    public long FrameNumber { get; set; }
    public string? CallId { get; set; }
    public string Seen { get; set; } = "";
    public bool RequestSeen { get; set; }
    public int Requests { get; set; }
    public int? FinalStatus { get; set; }
    public string? Outcome { get; set; }
    public string? RequestFromMac { get; set; }
    public string? ResponseToMac { get; set; }
    public string Delivered { get; set; } = "unknown";
    public string? DeliveryEvidence { get; set; }
    /// <summary>The batch job the row belongs to (null outside <c>batch</c>).</summary>
    public string? Job { get; set; }
}
