namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Loss and jitter of one RTP stream over time in constant space: at most <see cref="Capacity"/> slices of equal
/// width from the stream's first packet. When a packet falls past the last slice, neighbours are merged pairwise
/// and the width doubles, so a 2-second call keeps 250 ms slices and a day-long one still 64 slices; every
/// packet stays counted. The slice packets are landing in lives inline: the array (64 × 20 bytes) is allocated once,
/// when the stream outlives its first slice and has been accepted, so a flood of one-packet streams costs nothing
/// here, and a packet touches the array only when it opens a new slice (the array's line is one cache miss more per
/// packet across thousands of streams).
/// </summary>
public struct RtpTimeSeries
{
    public const int Capacity = 64;
    /// <summary>Width of a slice until the stream outgrows <see cref="Capacity"/> of them.</summary>
    public const long InitialWidthNs = 250_000_000;
    /// <summary>What a stream's slices cost once allocated: the array of <see cref="Capacity"/> slices with its header.</summary>
    public static readonly long SlicesBytes = 24 + Capacity * (long)System.Runtime.CompilerServices.Unsafe.SizeOf<RtpSeriesBucket>();

    // The figures of slice _currentIndex; its entry in _buckets is stale while it is current.
    private RtpSeriesBucket _current;
    private int _currentIndex;
    private RtpSeriesBucket[]? _buckets;
    private long _widthNs;
    private int _count;
    private bool _folded;
    // The slice the last packet fell in, as offsets [start, end): a stream's packets come in time order, so nearly
    // every packet lands in the same slice as the one before and needs no 64-bit division to find it.
    private long _sliceStartNs;
    private long _sliceEndNs;
    private long _sliceIndex;

    /// <summary>Width of every slice, ns.</summary>
    public readonly long WidthNs => _widthNs == 0 ? InitialWidthNs : _widthNs;
    /// <summary>Slices from the first packet's to the last's.</summary>
    public readonly int Count => _count;
    /// <summary>The slices are allocated (the stream outlived its first slice while it could grow).</summary>
    public readonly bool HasSlices => _buckets is not null;
    /// <summary>
    /// Some packets past the first slice were counted into it because the series could not grow then (the flow was
    /// not yet accepted as a stream, or the engine's cap of series was reached): the first slice holds more time.
    /// </summary>
    public readonly bool Folded => _folded;

    /// <summary>The slice at <paramref name="index"/> (0 = the one holding the first packet).</summary>
    public readonly RtpSeriesBucket this[int index] =>
        (uint)index >= (uint)_count ? throw new ArgumentOutOfRangeException(nameof(index))
        : _buckets is null || index == _currentIndex ? _current : _buckets[index];

    /// <summary>
    /// Adds one packet <paramref name="offsetNs"/> after the stream's first. <paramref name="mayGrow"/> false (a
    /// flow not yet accepted as a stream) keeps it in the inline slices: nothing is allocated for a candidate.
    /// </summary>
    public void Add(long offsetNs, long lost, double jitterMs, bool hasJitter, bool mayGrow)
    {
        if (_widthNs == 0) _widthNs = InitialWidthNs;
        long index = SliceOf(offsetNs);
        if (index > 0 && _buckets is null)
        {
            if (!mayGrow)
            {
                index = 0;
                _folded = true;
            }
            else
            {
                _buckets = new RtpSeriesBucket[Capacity];
            }
        }
        while (index >= Capacity)
        {
            Halve();
            index = SliceOf(offsetNs);
        }
        if (index != _currentIndex)
        {
            var buckets = _buckets!;
            buckets[_currentIndex] = _current;
            _currentIndex = (int)index;
            _current = buckets[index];
        }
        ref var bucket = ref _current;
        bucket.Packets++;
        bucket.Lost += (int)lost;
        if (hasJitter)
        {
            float jitter = (float)jitterMs;
            bucket.JitterSamples++;
            bucket.JitterSumMs += jitter;
            if (jitter > bucket.MaxJitterMs) bucket.MaxJitterMs = jitter;
        }
        if (index >= _count) _count = (int)index + 1;
    }

    private long SliceOf(long offsetNs)
    {
        if (offsetNs >= _sliceStartNs && offsetNs < _sliceEndNs) return _sliceIndex;
        long index = offsetNs <= 0 ? 0 : offsetNs / _widthNs;
        _sliceIndex = index;
        _sliceStartNs = index == 0 ? long.MinValue : index * _widthNs;
        _sliceEndNs = (index + 1) * _widthNs;
        return index;
    }

    // Slice i takes 2i and 2i+1: the same packets in half as many slices of twice the width.
    private void Halve()
    {
        var b = _buckets!;
        b[_currentIndex] = _current;
        for (int i = 0; i < Capacity / 2; i++)
        {
            var merged = b[2 * i];
            merged.Add(b[2 * i + 1]);
            b[i] = merged;
        }
        Array.Clear(b, Capacity / 2, Capacity / 2);
        _count = (_count + 1) / 2;
        _widthNs *= 2;
        _currentIndex /= 2;
        _current = b[_currentIndex];
        _sliceStartNs = _sliceEndNs = 0; // the slices moved: the next packet finds its own
    }
}
