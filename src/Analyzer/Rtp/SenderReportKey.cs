namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>One source's sender reports at one capture point.</summary>
internal readonly record struct SenderReportKey(int Capture, int InterfaceId, uint Ssrc)
{
    /// <summary>Seeded per process: the SSRC is the packet's.</summary>
    public override int GetHashCode() => HashCode.Combine(Capture, InterfaceId, Ssrc);
}
