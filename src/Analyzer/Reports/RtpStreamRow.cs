using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>A row of the rtp_streams table: one RTP stream (per capture point and interface).</summary>
public sealed class RtpStreamRow
{
    /// <summary>The capture point that saw the stream (a stream seen at two points is two rows).</summary>
    public string Point { get; set; } = "";
    public string CaptureFile { get; set; } = "";
    public int Interface { get; set; }
    /// <summary>First frame of the stream.</summary>
    public long FrameNumber { get; set; }
    public string SrcIp { get; set; } = "";
    public int SrcPort { get; set; }
    public string DstIp { get; set; } = "";
    public int DstPort { get; set; }
    public long Ssrc { get; set; }
    public int PayloadType { get; set; }
    public string Codec { get; set; } = "";
    public long Packets { get; set; }
    public long Expected { get; set; }
    public long Lost { get; set; }
    public double LostPercent { get; set; }
    public long SequenceErrors { get; set; }
    public double MaxDeltaMs { get; set; }
    public double MeanJitterMs { get; set; }
    public double MaxJitterMs { get; set; }
    /// <summary>E-model transmission rating (see README, call quality); null when the codec has no impairment factors.</summary>
    public double? RFactor { get; set; }
    /// <summary>MOS-CQ from <see cref="RFactor"/>.</summary>
    public double? Mos { get; set; }
    /// <summary>RTCP round trip of the stream's source in ms (the E-model's delay term); null when no receiver report echoed its sender report.</summary>
    public double? RtcpRoundTripMs { get; set; }
    public CaptureTime StartTs { get; set; }
    public CaptureTime EndTs { get; set; }
    public string? CallId { get; set; }
    /// <summary>The batch job the row belongs to (null outside <c>batch</c>).</summary>
    public string? Job { get; set; }
}
