namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>One receiver's reports about one source, at one capture point.</summary>
public readonly record struct RtcpReportKey(int Capture, int InterfaceId, uint ReporterSsrc, uint ReportedSsrc)
{
    /// <summary>Seeded per process: the SSRCs are the packet's, and the generated hash adds them linearly.</summary>
    public override int GetHashCode() => HashCode.Combine(Capture, InterfaceId, ReporterSsrc, ReportedSsrc);
}
