namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>One receiver's reports about one source, at one capture point.</summary>
public readonly record struct RtcpReportKey(int Capture, int InterfaceId, uint ReporterSsrc, uint ReportedSsrc);
