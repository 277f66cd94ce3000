namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// A non-seekable stream over bytes that returns short reads: always <c>1</c> byte, or a random size up to
/// a maximum — the way a pipe or socket does. Used to prove a parser survives every segmentation.
/// </summary>
public sealed class ShortReadStream : Stream
{
    private readonly byte[] _data;
    private readonly Random? _random;
    private readonly int _maxRead;
    private int _position;

    /// <param name="maxRead">Largest read returned; 1 = byte by byte.</param>
    /// <param name="seed">Seed for random read sizes in 1..maxRead; null = always maxRead.</param>
    public ShortReadStream(byte[] data, int maxRead, int? seed = null)
    {
        _data = data;
        _maxRead = maxRead;
        _random = seed is int s ? new Random(s) : null;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int size = Math.Min(Math.Min(buffer.Length, _data.Length - _position), _random?.Next(1, _maxRead + 1) ?? _maxRead);
        _data.AsSpan(_position, size).CopyTo(buffer);
        _position += size;
        return size;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
