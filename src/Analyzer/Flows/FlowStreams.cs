using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Flows;

/// <summary>
/// The engines' side of the <see cref="FlowTable"/>: per flow slot, the slot of the RTP stream the flow's last packet
/// was counted in (<see cref="RtpStream.Slot"/>), so the next packet of a known stream goes to its statistics without
/// a stream lookup. Touched only on the engines' thread. An entry holds while the slot's generation is the packet's
/// (the slot still holds that flow) and the RTP engine's stream epoch is the one it was taken at (no stream left the
/// active table since, so no stream slot was given to another stream).
/// </summary>
internal sealed class FlowStreams
{
    // Pages under the large-object threshold, as the flow table's slots (see there why).
    private const int PageBits = 12;
    private const int PageSize = 1 << PageBits; // 4 096 entries of 12 bytes
    private readonly Entry[]?[] _pages;

    public FlowStreams(int capacity) => _pages = new Entry[]?[(capacity + PageSize - 1) / PageSize];

    /// <summary>The stream slot cached for the flow, or −1.</summary>
    public int Get(FlowRef flow, int epoch)
    {
        if (flow.IsNone) return -1;
        ref var entry = ref EntryAt(flow.Slot);
        return entry.Generation == flow.Generation && entry.Epoch == epoch ? entry.StreamSlot : -1;
    }

    /// <param name="streamSlot">The stream's slot, −1 for none.</param>
    public void Set(FlowRef flow, int epoch, int streamSlot)
    {
        if (flow.IsNone) return;
        EntryAt(flow.Slot) = new Entry { Generation = flow.Generation, Epoch = epoch, StreamSlot = streamSlot };
    }

    private ref Entry EntryAt(int slot)
    {
        var page = _pages[slot >> PageBits] ??= WrittenArray.New<Entry>(PageSize);
        return ref page[slot & (PageSize - 1)];
    }

    private struct Entry
    {
        public int Generation;
        public int Epoch;
        public int StreamSlot;
    }
}
