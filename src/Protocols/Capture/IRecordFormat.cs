namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// What <see cref="RecordWalker"/> needs from a capture format: how long the record in front is, what to do
/// with a whole record, and what to do when the framing breaks. Implemented by structs so that the walker,
/// generic over the format, is specialised and the per-record calls inline.
/// </summary>
internal interface IRecordFormat
{
    /// <summary>Bytes needed to know the length of the next record (file header or record/block header).</summary>
    int HeaderLength { get; }

    /// <summary>Searching for the next valid block after a corrupt one (pcapng only).</summary>
    bool Resynchronising { get; }

    /// <summary>Nothing more will be read: the capture ended in a truncated record.</summary>
    bool Finished { get; }

    /// <summary>Length of the whole record from its header, or -1 when the length is impossible.</summary>
    long Measure(ReadOnlySpan<byte> header);

    /// <summary>
    /// Interprets one whole record. False when the record turns out corrupt; the format is then
    /// <see cref="Resynchronising"/> and the walker skips its first 4 bytes.
    /// </summary>
    bool Deliver<TSink>(ReadOnlySpan<byte> record, long fileOffset, ref TSink sink)
        where TSink : IPacketSink;

    /// <summary>
    /// The header at <paramref name="fileOffset"/> gives an impossible length, or one running past the end of
    /// the input (<paramref name="pastEnd"/>). Throws, finishes as truncated, or starts resynchronising.
    /// </summary>
    void OnBadLength(long fileOffset, long length, bool pastEnd);

    /// <summary>
    /// The record at <paramref name="fileOffset"/> (its header in <paramref name="header"/>), longer than
    /// <see cref="CaptureReadContext.MaxBufferedRecordLength"/>, was skipped unread: counts it, warns, tells the sink.
    /// </summary>
    void OnOversize<TSink>(ReadOnlySpan<byte> header, long fileOffset, long length, ref TSink sink)
        where TSink : IPacketSink;

    /// <summary>The input ended with fewer than <see cref="HeaderLength"/> bytes (but more than 0) left.</summary>
    void OnCutHeader(long fileOffset, long bytesLeft);

    /// <summary>
    /// Looks for the next valid block in <paramref name="rest"/> (which starts at <paramref name="fileOffset"/>);
    /// returns the bytes to skip. Stays <see cref="Resynchronising"/> when it needs more data.
    /// </summary>
    long Resynchronise(in System.Buffers.ReadOnlySequence<byte> rest, long fileOffset, bool completed);
}
