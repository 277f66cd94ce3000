using System.Buffers;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// One datagram being reassembled: its bytes in a pooled buffer and the sorted, merged byte ranges that have
/// arrived. Byte ranges rather than an 8-byte-block bitmap because real captures carry non-last fragments whose
/// length is not a multiple of 8, which Wireshark reassembles. Reused after it completes or is evicted.
/// </summary>
internal sealed class PendingDatagram
{
    /// <summary>Disjoint received ranges a datagram may have at once; more means a hostile fragment pattern.</summary>
    public const int MaxRanges = 64;
    private const int MinimumBuffer = 2048;

    private readonly int[] _starts = new int[MaxRanges + 1];
    private readonly int[] _ends = new int[MaxRanges + 1];
    private int _ranges;
    private byte[] _buffer = [];

    public FragmentKey Key;
    public long FirstTimestampNs;
    public int Fragments;
    /// <summary>The datagram's length once its last fragment arrived, else -1.</summary>
    public int TotalLength = -1;
    /// <summary>Oldest-first list, for timeouts and evictions.</summary>
    public PendingDatagram? Older, Newer;

    public int Capacity => _buffer.Length;
    public ReadOnlySpan<byte> Payload => _buffer.AsSpan(0, Math.Max(0, TotalLength));

    public void Start(FragmentKey key, long timestampNs)
    {
        Key = key;
        FirstTimestampNs = timestampNs;
        Fragments = 0;
        TotalLength = -1;
        _ranges = 0;
    }

    /// <summary>Gives the buffer back to the pool; the object can start another datagram.</summary>
    public void Release()
    {
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Makes the buffer hold at least <paramref name="end"/> bytes; returns the growth in bytes.</summary>
    public int EnsureCapacity(int end, int maxBytes)
    {
        if (end <= _buffer.Length)
            return 0;
        int size = Math.Min(Math.Max(Math.Max(end, MinimumBuffer), _buffer.Length * 2), maxBytes);
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.CopyTo(bigger, 0);
        int growth = bigger.Length - _buffer.Length;
        Release();
        _buffer = bigger;
        return growth;
    }

    /// <summary>
    /// Copies the bytes of [<paramref name="offset"/>, offset + data.Length) that have not arrived yet (the first
    /// bytes received win, as in BSD and Wireshark) and returns how many of its bytes had arrived before.
    /// -1 when the datagram would have more than <see cref="MaxRanges"/> separate pieces.
    /// </summary>
    public int Write(int offset, ReadOnlySpan<byte> data)
    {
        int end = offset + data.Length;
        int seen = 0;
        int cursor = offset;
        for (int i = 0; i < _ranges && cursor < end; i++)
        {
            if (_ends[i] <= cursor)
                continue;
            if (_starts[i] >= end)
                break;
            if (_starts[i] > cursor)
                Copy(data, offset, cursor, _starts[i]);
            int covered = Math.Min(_ends[i], end);
            seen += covered - Math.Max(_starts[i], cursor);
            cursor = covered;
        }
        if (cursor < end)
            Copy(data, offset, cursor, end);
        return Insert(offset, end) ? seen : -1;
    }

    private void Copy(ReadOnlySpan<byte> data, int offset, int from, int to) =>
        data.Slice(from - offset, to - from).CopyTo(_buffer.AsSpan(from));

    /// <summary>Adds [start, end) to the sorted ranges, merging those it touches.</summary>
    private bool Insert(int start, int end)
    {
        int first = 0;
        while (first < _ranges && _ends[first] < start)
            first++;
        int last = first;
        while (last < _ranges && _starts[last] <= end)
        {
            start = Math.Min(start, _starts[last]);
            end = Math.Max(end, _ends[last]);
            last++;
        }
        int removed = last - first;
        if (removed == 0 && _ranges == MaxRanges)
            return false;
        // Replace ranges [first, last) by the one merged range.
        int shift = 1 - removed;
        if (shift != 0)
        {
            Array.Copy(_starts, last, _starts, last + shift, _ranges - last);
            Array.Copy(_ends, last, _ends, last + shift, _ranges - last);
        }
        _starts[first] = start;
        _ends[first] = end;
        _ranges += shift;
        return true;
    }

    /// <summary>True when the last fragment has arrived and every byte before its end.</summary>
    public bool IsComplete => TotalLength >= 0
        && (TotalLength == 0 || (_ranges > 0 && _starts[0] == 0 && _ends[0] >= TotalLength));
}
