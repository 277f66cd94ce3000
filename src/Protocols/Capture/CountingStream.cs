namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>Read-only pass-through that counts the bytes read, so progress can be shown on compressed input too.</summary>
internal sealed class CountingStream : Stream
{
    private readonly Stream _inner;
    private long _bytesRead;
    private readonly byte[] _tail = new byte[8];
    private int _tailLength;

    private readonly bool _synchronous;

    public CountingStream(Stream inner)
    {
        _inner = inner;
        _synchronous = inner is FileStream { CanSeek: true };
    }

    public long BytesRead => Volatile.Read(ref _bytesRead);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>
    /// True when the input ends in a gzip trailer whose ISIZE (size mod 2^32 of the last member) equals
    /// <paramref name="decompressedBytes"/>. The decompressor reports no error for a cut gzip file, so this
    /// is how a cut is noticed. (Several concatenated members would also disagree.)
    /// </summary>
    public bool GzipTrailerMatches(long decompressedBytes) =>
        _tailLength == _tail.Length
        && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_tail.AsSpan(4)) == (uint)decompressedBytes;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(buffer, _inner.Read(buffer));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // A regular file in the page cache answers a read in microseconds: read it on this thread. The async path
        // queues every read to the thread pool (Unix has no async file reads), so the walk after it resumes on
        // another thread with cold caches, and the idle workers spin between reads.
        if (_synchronous)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }
        return ReadSlowAsync(buffer, cancellationToken);
    }

    private async ValueTask<int> ReadSlowAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(ReadOnlySpan<byte> buffer, int read)
    {
        Volatile.Write(ref _bytesRead, _bytesRead + read);
        var fresh = buffer[..read];
        if (fresh.Length >= _tail.Length)
        {
            fresh[^_tail.Length..].CopyTo(_tail);
            _tailLength = _tail.Length;
        }
        else if (fresh.Length > 0)
        {
            // Keep the last 8 bytes seen: shift the old ones left, append the new.
            int keep = Math.Min(_tailLength, _tail.Length - fresh.Length);
            _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
            fresh.CopyTo(_tail.AsSpan(keep));
            _tailLength = keep + fresh.Length;
        }

        return read;
    }
}
