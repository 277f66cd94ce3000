using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>Every copy of one response status within a transaction ({status, frames} in the report).</summary>
public sealed class ResponseGroup
{
    public int Status { get; init; }
    public string? Reason { get; init; }
    /// <summary>Copies kept in detail (the first <see cref="SipEngineOptions.MaxMessagesPerTransaction"/>).</summary>
    public List<TransactionMessage> Messages { get; } = new();
    /// <summary>Copies seen, also those beyond the detail cap.</summary>
    public int Count { get; internal set; }
    /// <summary>Copies after the first: retransmissions by the server (or duplicates on the path).</summary>
    public int Retransmissions => Count - 1;

    public List<FrameRef> Frames
    {
        get
        {
            var frames = new List<FrameRef>(Messages.Count);
            foreach (var m in Messages) frames.Add(m.Frame);
            return frames;
        }
    }
}
