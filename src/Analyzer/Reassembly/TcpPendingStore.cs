using System.Buffers;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// The out-of-order segments of a reassembler's streams, by stream slot, in sequence order: beside the stream slots
/// rather than inside them, because few streams ever hold a segment while every stream slot is written afresh for
/// each new connection of a flood (a list reference and a byte count made each slot 16 bytes larger). A stream that
/// holds nothing has no entry; emptied lists are kept for the next stream that needs one.
/// </summary>
internal sealed class TcpPendingStore
{
    private const int KeptLists = 64;

    private readonly Dictionary<int, List<TcpPendingSegment>> _byStream = [];
    private readonly Stack<List<TcpPendingSegment>> _spare = new();

    /// <summary>No stream holds a segment: the common case, answered without a look-up.</summary>
    public bool IsEmpty => _byStream.Count == 0;

    /// <summary>The segments <paramref name="stream"/> holds, or null.</summary>
    public List<TcpPendingSegment>? Of(int stream) => _byStream.Count > 0 && _byStream.TryGetValue(stream, out var list) ? list : null;

    /// <summary>The list of <paramref name="stream"/>, made (or taken from the spare ones) when it has none.</summary>
    public List<TcpPendingSegment> For(int stream)
    {
        if (_byStream.TryGetValue(stream, out var list)) return list;
        list = _spare.Count > 0 ? _spare.Pop() : new List<TcpPendingSegment>(4);
        _byStream.Add(stream, list);
        return list;
    }

    /// <summary>Bytes held by <paramref name="stream"/> (at most the limit's 64 segments are summed).</summary>
    public int BytesOf(int stream)
    {
        var list = Of(stream);
        if (list is null) return 0;
        int bytes = 0;
        foreach (var segment in list) bytes += segment.Length;
        return bytes;
    }

    /// <summary>Forgets the list of <paramref name="stream"/> once it is empty.</summary>
    public void Trim(int stream)
    {
        if (!_byStream.TryGetValue(stream, out var list) || list.Count > 0) return;
        _byStream.Remove(stream);
        if (_spare.Count < KeptLists) _spare.Push(list);
    }

    /// <summary>Returns the pooled bytes of every segment <paramref name="stream"/> holds and forgets them; the bytes released.</summary>
    public int Release(int stream)
    {
        var list = Of(stream);
        if (list is null) return 0;
        int bytes = 0;
        foreach (var segment in list)
        {
            bytes += segment.Length;
            ArrayPool<byte>.Shared.Return(segment.Bytes);
        }
        list.Clear();
        Trim(stream);
        return bytes;
    }
}
