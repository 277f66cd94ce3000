namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>Limits and heuristics of the <see cref="RtpEngine"/>.</summary>
public sealed class RtpEngineOptions
{
    /// <summary>Find RTP without SDP by content. On by default.</summary>
    public bool Heuristics { get; set; } = true;

    /// <summary>
    /// Packets in a row (next sequence number, timestamp not going back, same SSRC and flow) before a flow
    /// found by content is reported as RTP. Wireshark's heuristic takes every version-2 datagram at once,
    /// which turns single stray datagrams into "streams"; three keep real streams (even a 10-packet DTMF
    /// burst) and leave random UDP alone.
    /// </summary>
    public int HeuristicMinPackets { get; set; } = 3;

    // A stream costs ~630 bytes with its table entries (measured over 50 000 streams), so these two caps hold
    // ~100 MB at worst, a third of the 300 MB a flood may take in all. The 2 GB synthesized mix has 2 554 streams in all.

    /// <summary>Active streams kept in the lookup table; when full, the tenth idle longest is retired (still reported, counted); a packet for a retired stream starts a new one.</summary>
    public int MaxStreams { get; set; } = 50_000;

    /// <summary>Streams retired from the active table that are still reported; beyond it they are dropped (and counted).</summary>
    public int MaxRetiredStreams { get; set; } = 100_000;

    /// <summary>
    /// Streams that keep a time series of loss and jitter (64 slices, 1.3 KB each, for the rest of the analysis):
    /// 26 MB at most. A stream past it keeps its figures and only a first slice (counted as rtp-time-series).
    /// </summary>
    public int MaxTimeSeries { get; set; } = 20_000;

    /// <summary>
    /// The same in bytes (each series is <see cref="RtpTimeSeries.SlicesBytes"/>): 1 MiB, ~800 series. The count
    /// alone let the series grow with every call of a long capture (3.3 MB on the 2 GB mix, 6.3 MB on the 4 GB one)
    /// for a plot the HTML report draws; the 200 MB mix's ~500 streams stay within it.
    /// </summary>
    public long MaxTimeSeriesBytes { get; set; } = 1L << 20;

    /// <summary>Unconfirmed heuristic candidates kept at once.</summary>
    public int MaxCandidates { get; set; } = 4_096;

    /// <summary>SDP endpoints remembered at once.</summary>
    public int MaxExpectations { get; set; } = 100_000;

    /// <summary>RTCP (reporter, reported source) pairs remembered at once.</summary>
    public int MaxRtcpReports { get; set; } = 100_000;
}
