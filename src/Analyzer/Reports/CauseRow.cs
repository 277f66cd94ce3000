using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the causes table (causes.csv, causes.parquet): one root cause; findings cite it by cause_id.</summary>
public sealed class CauseRow
{
    public string CauseId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Fix { get; set; } = "";
    public string? Server { get; set; }
    public string? Subnet { get; set; }
    public int ClientCount { get; set; }
    /// <summary>The affected clients, ";"-separated, at most the cause's cap (client_count has them all).</summary>
    public string? Clients { get; set; }
    public string? WrongNextHopIp { get; set; }
    public string? WrongNextHopMac { get; set; }
    public string? RightNextHopIp { get; set; }
    public string? RightNextHopMac { get; set; }
    public CaptureTime? FirstSeen { get; set; }
    public CaptureTime? LastSeen { get; set; }
    public int FindingCount { get; set; }
    /// <summary>Final responses the server sent to late retransmissions of requests whose first answer the cause lost (0 when none).</summary>
    public int LateAnswerCount { get; set; }
    public string? WiresharkFilter { get; set; }
    /// <summary>The point of the cause's first cited frame (a cause may span points: where to start looking).</summary>
    public string? Point { get; set; }
    /// <summary>The capture file of the cause's first cited frame.</summary>
    public string? CaptureFile { get; set; }
    /// <summary>Its frame number there.</summary>
    public long? FrameNumber { get; set; }
    /// <summary>The batch job the row belongs to (null outside <c>batch</c>).</summary>
    public string? Job { get; set; }
}
