namespace PcapSipAnalyzer.Analyzer.Selection;

/// <summary>The frame numbers a selection kept in one capture: one bit per frame, so a large capture costs little.</summary>
public sealed class FrameBitSet
{
    private ulong[] _bits = new ulong[1024];

    public long Count { get; private set; }

    public void Add(long frame)
    {
        long word = frame >> 6;
        if (word >= _bits.Length) Array.Resize(ref _bits, (int)Math.Max(word + 1, _bits.Length * 2L));
        ulong mask = 1UL << (int)(frame & 63);
        if ((_bits[word] & mask) != 0) return;
        _bits[word] |= mask;
        Count++;
    }

    public bool Contains(long frame)
    {
        long word = frame >> 6;
        return frame >= 0 && word < _bits.Length && (_bits[word] & (1UL << (int)(frame & 63))) != 0;
    }
}
