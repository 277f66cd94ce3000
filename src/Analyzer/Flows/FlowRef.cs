namespace PcapSipAnalyzer.Analyzer.Flows;

/// <summary>
/// A packet's flow as the reader's side found it, handed to the engines' side with the packet: the flow's slot
/// in the <see cref="FlowTable"/> and the slot's generation, which changes whenever the slot is given to another
/// flow, so state the engines keep per slot is never applied to the wrong flow. Generations start at 1, so the
/// default value is <see cref="None"/>.
/// </summary>
internal readonly record struct FlowRef(int Slot, int Generation)
{
    /// <summary>No flow: fragments, ICMP, ARP, frames without ports.</summary>
    public static FlowRef None => default;

    public bool IsNone => Generation == 0;
}
