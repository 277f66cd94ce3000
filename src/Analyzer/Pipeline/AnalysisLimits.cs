using PcapSipAnalyzer.Analyzer.Flows;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// The caps of an analysis's state. The CLI always uses the defaults; the fuzz target shrinks them so that the
/// eviction and turnover paths are reached by inputs of a few kilobytes.
/// </summary>
internal sealed class AnalysisLimits
{
    public SipEngineOptions Sip { get; init; } = new();

    public RtpEngineOptions Rtp { get; init; } = new();

    /// <summary>Each point's TCP reassembly bounds; null for the defaults.</summary>
    public TcpReassemblyLimits? Tcp { get; init; }

    /// <summary>What the TCP reassembly of all points may buffer together.</summary>
    public long TcpBufferBytes { get; init; } = TcpBufferBudget.DefaultMaxBytes;

    /// <summary>Slots of the per-packet flow table: a power of two of at least 4.</summary>
    public int FlowSlots { get; init; } = FlowTable.DefaultCapacity;
}
