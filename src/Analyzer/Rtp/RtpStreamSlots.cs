using PcapSipAnalyzer.Analyzer.Reassembly;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// The states of the active RTP streams, side by side in struct arrays: over thousands of live streams a packet's
/// state is a few adjacent cache lines at an address known from its slot, instead of a stream object, its
/// statistics and its time series' array in as many places. A slot is given back when its stream leaves the
/// active table, and reused.
/// </summary>
internal sealed class RtpStreamSlots
{
    // Pages of 128 states of 320 bytes (40 KiB), under the large-object threshold: the large-object heap is collected
    // only with the whole heap, so pages there would stay in the peak memory longer.
    private const int PageBits = 7;
    private const int PageSize = 1 << PageBits;
    private RtpStreamState[][] _pages = new RtpStreamState[4][];
    private readonly Stack<int> _free = new();
    private int _next;

    /// <summary>The state in <paramref name="slot"/>.</summary>
    public ref RtpStreamState this[int slot] => ref _pages[slot >> PageBits][slot & (PageSize - 1)];

    /// <summary>A free slot, its state cleared.</summary>
    public int Rent()
    {
        if (_free.TryPop(out int slot))
            return slot;
        slot = _next++;
        int page = slot >> PageBits;
        if (page == _pages.Length)
            Array.Resize(ref _pages, 2 * _pages.Length);
        _pages[page] ??= WrittenArray.New<RtpStreamState>(PageSize);
        return slot;
    }

    /// <summary>Frees <paramref name="slot"/> (its state is cleared, so it holds no stream alive).</summary>
    public void Return(int slot)
    {
        this[slot] = default;
        _free.Push(slot);
    }
}
