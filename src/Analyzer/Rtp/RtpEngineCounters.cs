namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>What the RTP engine saw and what its bounds made it drop: the report's anomaly counts.</summary>
public sealed class RtpEngineCounters
{
    /// <summary>Datagrams that are part of a reported stream (a heuristic candidate's from its first one once it is confirmed; never a candidate's that is not).</summary>
    public long RtpPackets { get; internal set; }
    public long RtcpPackets { get; internal set; }
    /// <summary>RTCP datagrams on an SDP RTCP port that did not parse as RTCP.</summary>
    public long MalformedRtcp { get; internal set; }
    /// <summary>
    /// Datagrams to or from an endpoint an SDP gave to T.38 (m=image … udptl t38, a fax switch): T.38, not RTP,
    /// whether or not their first bytes look like an RTP header.
    /// </summary>
    public long T38Packets { get; internal set; }
    /// <summary>Datagrams to or from an SDP media endpoint that were not RTP version 2.</summary>
    public long NonRtpOnMediaPort { get; internal set; }
    /// <summary>Streams moved out of the active table because it was full (they stay in the report).</summary>
    public long StreamsRetired { get; internal set; }
    /// <summary>
    /// Streams dropped when the active table was full: because the retired list was full too, or because they had
    /// fewer packets than <see cref="RtpEngineOptions.HeuristicMinPackets"/> (they are missing from the report).
    /// </summary>
    public long StreamsDropped { get; internal set; }
    public long CandidatesEvicted { get; internal set; }
    /// <summary>Heuristic candidates that broke sequence before being confirmed: their proof started over, their figures were kept.</summary>
    public long CandidatesRestarted { get; internal set; }
    public long ExpectationsEvicted { get; internal set; }
    public long RtcpReportsDropped { get; internal set; }
    /// <summary>Streams that outlived their first time slice after <see cref="RtpEngineOptions.MaxTimeSeries"/> series (or <see cref="RtpEngineOptions.MaxTimeSeriesBytes"/>) were kept: no plot over time.</summary>
    public long TimeSeriesNotKept { get; internal set; }
}
