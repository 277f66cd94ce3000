namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Timers the delivery evidence rests on (RFC 3261 UDP values by default).</summary>
public sealed class PathAnalyzerOptions
{
    /// <summary>
    /// A request copy arriving this long after the response left cannot have crossed it on the way (a round trip):
    /// 300 ms covers LANs, VPNs and most WANs, and stays below timer E's first interval (T1 = 500 ms).
    /// </summary>
    public long CrossingSlackNs { get; init; } = 300_000_000;
    /// <summary>T2: the longest gap between a non-INVITE client's retransmissions.</summary>
    public long T2Ns { get; init; } = 4_000_000_000;
    /// <summary>Timer F = 64·T1: after this, a client has given up on a request.</summary>
    public long TimerFNs { get; init; } = 32_000_000_000;
    /// <summary>Transactions named one by one in a Wireshark filter before it falls back to Call-IDs only.</summary>
    public int MaxFilterTerms { get; init; } = 8;
}
