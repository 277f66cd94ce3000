using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Flows;

/// <summary>
/// The engines' side of the <see cref="FlowTable"/>: per flow slot, the RTP stream the flow's last packet was
/// counted in, so the next packet of a known stream goes to its statistics without a stream lookup. Touched only
/// on the engines' thread. An entry holds while the slot's generation is the packet's (the slot still holds
/// that flow) and the RTP engine's stream epoch is the one it was taken at (no stream left the active table since).
/// </summary>
internal sealed class FlowStreams
{
    private readonly Entry[] _entries;

    public FlowStreams(int capacity) => _entries = new Entry[capacity];

    /// <summary>The stream cached for the flow, or null.</summary>
    public RtpStream? Get(FlowRef flow, int epoch)
    {
        if (flow.IsNone) return null;
        ref var entry = ref _entries[flow.Slot];
        return entry.Generation == flow.Generation && entry.Epoch == epoch ? entry.Stream : null;
    }

    public void Set(FlowRef flow, int epoch, RtpStream? stream)
    {
        if (flow.IsNone) return;
        _entries[flow.Slot] = new Entry { Generation = flow.Generation, Epoch = epoch, Stream = stream };
    }

    private struct Entry
    {
        public int Generation;
        public int Epoch;
        public RtpStream? Stream;
    }
}
