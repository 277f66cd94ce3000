namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// The latest sender report of a source: the middle 32 bits of its NTP timestamp, which a receiver echoes as
/// LSR, and when it passed the capture point.
/// </summary>
internal readonly record struct SenderReportSeen(uint NtpMiddle, long ArrivalNs);
