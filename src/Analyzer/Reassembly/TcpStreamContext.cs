namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// What every stream of a reassembler shares: its limits, counters, the analysis's buffer budget and the store of
/// out-of-order segments. Passed to the stream and framing state (structs inside the connection table) on each call
/// instead of being referenced from each of them, so a tracked connection carries no references it does not own.
/// </summary>
internal sealed class TcpStreamContext(TcpReassemblyLimits limits, TcpReassemblyCounters counters, TcpBufferBudget budget)
{
    public TcpReassemblyLimits Limits { get; } = limits;
    public TcpReassemblyCounters Counters { get; } = counters;
    public TcpBufferBudget Budget { get; } = budget;
    public TcpPendingStore Pending { get; } = new();
}
