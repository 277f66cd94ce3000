namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// The datagrams and buffer bytes the IP reassemblers of all capture points of an analysis hold together, so
/// that <see cref="IpReassemblyOptions.MaxDatagrams"/> and <see cref="IpReassemblyOptions.MaxTotalBytes"/> hold
/// for the analysis: a pcapng file with 1 024 interfaces would otherwise be allowed 1 024 × 64 MiB. A
/// reassembler over the budget evicts its own oldest datagrams. Used from the transport stage's thread only.
/// </summary>
public sealed class IpReassemblyBudget
{
    public int Datagrams { get; internal set; }
    public long Bytes { get; internal set; }
    /// <summary>Fragmented SIP messages the points' trackers keep as lost.</summary>
    public int FragmentedSipMessages { get; internal set; }
    /// <summary>Fragmented SIP messages the points' trackers keep as reassembled (where a lost one was still whole).</summary>
    public int FragmentedSipDelivered { get; internal set; }
}
