namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>SIP messages of one capture point, and how many of them were recognised at another point.</summary>
public sealed class PointMessageCounts
{
    public required string Point { get; init; }
    public int Messages { get; internal set; }
    public int Matched { get; internal set; }
    public int Unmatched => Messages - Matched;
}
