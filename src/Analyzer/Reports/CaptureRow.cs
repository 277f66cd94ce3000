using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the captures table: one input file.</summary>
public sealed class CaptureRow
{
    public int Capture { get; set; }
    public string CaptureFile { get; set; } = "";
    public string Point { get; set; } = "";
    public string Format { get; set; } = "";
    public long Packets { get; set; }
    public long Bytes { get; set; }
    public string LinkTypes { get; set; } = "";
    public CaptureTime? FirstTs { get; set; }
    public CaptureTime? LastTs { get; set; }
    public bool Truncated { get; set; }
    public string? Error { get; set; }
    /// <summary>The batch job the row belongs to (null outside <c>batch</c>).</summary>
    public string? Job { get; set; }
}
