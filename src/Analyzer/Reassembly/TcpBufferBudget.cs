namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// The bytes every TCP reassembly buffer of an analysis may hold together — unfinished messages and
/// out-of-order segments of all connections of all capture points. The per-connection limits alone allow
/// gigabytes (65 536 connections × two directions × 1 MiB); a flood of connections that each start a message
/// and never finish it must not. When the budget is spent, the buffer that asks for more gives up what it
/// holds (counted in <see cref="TcpReassemblyCounters.BudgetDrops"/>, reported as an eviction), so the
/// streams that fit go on. It also counts the connections all reassemblers track, so that
/// <see cref="TcpReassemblyLimits.MaxConnections"/> holds for the analysis, not per capture point. Used only
/// from the transport stage's thread.
/// </summary>
public sealed class TcpBufferBudget
{
    /// <summary>
    /// 32 MiB: unfinished messages are rare at any moment (a message usually completes in its segment or the
    /// next), while a flood of half messages over 65 536 connections held the whole budget; at 64 MiB such a
    /// flood peaked at 270–320 MB RSS, at 32 MiB at ~215 MB.
    /// </summary>
    public const long DefaultMaxBytes = 32L << 20;

    public TcpBufferBudget(long maxBytes = DefaultMaxBytes) => MaxBytes = maxBytes;

    public long MaxBytes { get; }
    public long UsedBytes { get; private set; }
    /// <summary>The most held at once: how close a capture came to the budget.</summary>
    public long PeakBytes { get; private set; }

    public bool TryReserve(int bytes)
    {
        if (UsedBytes + bytes > MaxBytes) return false;
        UsedBytes += bytes;
        if (UsedBytes > PeakBytes) PeakBytes = UsedBytes;
        return true;
    }

    public void Release(int bytes) => UsedBytes -= bytes;

    /// <summary>Connections tracked by every reassembler sharing this budget.</summary>
    public int Connections { get; internal set; }
}
