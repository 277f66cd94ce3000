using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>How often one kind of oddity occurred, with the first frames as evidence.</summary>
public sealed class AnomalyTally
{
    public long Count { get; internal set; }
    public List<FrameRef> Frames { get; } = new();
}
