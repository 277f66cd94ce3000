using System.Buffers;

namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// State one read of a capture shares between the reader and its format: the summary being filled, the
/// packet counter, the input length when known, and the pooled scratch buffer for records that straddle
/// pipe segments.
/// </summary>
internal sealed class CaptureReadContext : IDisposable
{
    /// <summary>Beyond this a hostile file could fill memory with warnings; the rest are only counted.</summary>
    private const int MaxWarnings = 100;

    /// <summary>
    /// No real packet or block comes near this (Wireshark's largest is 256 MiB for D-Bus); a length above
    /// it is impossible, so a damaged length never makes the reader buffer or allocate more.
    /// </summary>
    public const long MaxRecordLength = 256L * 1024 * 1024;

    /// <summary>
    /// The longest record the reader holds in memory: four times the largest default snap length (262 144
    /// bytes, tcpdump's and Wireshark's), leaving room for pcapng options. A longer record is skipped as it
    /// streams by, counted as a record-oversize anomaly, so one record never costs more memory than this.
    /// </summary>
    public const long MaxBufferedRecordLength = 1024 * 1024;

    private byte[] _scratch = [];
    private long _suppressedWarnings;
    private bool _sawTimestamp;

    public CaptureReadContext(CaptureSummary summary, int captureIndex, string name, long? inputLength)
    {
        Summary = summary;
        CaptureIndex = captureIndex;
        Name = name;
        InputLength = inputLength;
    }

    public CaptureSummary Summary { get; }
    public int CaptureIndex { get; }
    public string Name { get; }

    /// <summary>Length of the (uncompressed) input when the stream can tell; lets a damaged length be judged early.</summary>
    public long? InputLength { get; }

    /// <summary>Bytes of an oversize record still to be skipped (they may arrive over many reads).</summary>
    public long SkipRemaining { get; set; }

    /// <summary>Where the record being skipped starts, and its whole length.</summary>
    public long SkipOffset { get; private set; }
    public long SkipLength { get; private set; }

    /// <summary>The header of the record being skipped: it is counted once all of it went by.</summary>
    public ReadOnlySpan<byte> SkipHeader => _skipHeader.AsSpan(0, _skipHeaderLength);

    private readonly byte[] _skipHeader = new byte[32];
    private int _skipHeaderLength;

    public void BeginSkip(ReadOnlySpan<byte> header, long fileOffset, long length)
    {
        header.CopyTo(_skipHeader);
        _skipHeaderLength = header.Length;
        SkipOffset = fileOffset;
        SkipLength = length;
        SkipRemaining = length;
    }

    /// <summary>Warns about an oversize record that was skipped, naming its offset.</summary>
    public void WarnOversize(string what, long fileOffset, long length) =>
        Warn($"{what} at offset {fileOffset} is {length} bytes, more than the {MaxBufferedRecordLength} a record may have: skipped");

    /// <summary>Packets delivered so far = frame number of the last one (kept in the summary so a failed read still tells).</summary>
    public long Packets => Summary.Packets;

    public void Warn(string message)
    {
        if (Summary.Warnings.Count < MaxWarnings)
        {
            Summary.Warnings.Add(message);
        }
        else
        {
            _suppressedWarnings++;
        }
    }

    /// <summary>Records the packet in the summary and returns its frame number.</summary>
    public long CountPacket(long timestampNs, int capturedLength, bool hasTimestamp)
    {
        var summary = Summary;
        long frame = ++summary.Packets;
        summary.CapturedBytes += capturedLength;
        if (hasTimestamp)
        {
            if (!_sawTimestamp)
            {
                _sawTimestamp = true;
                summary.FirstTimestampNs = timestampNs;
            }

            summary.LastTimestampNs = timestampNs;
        }

        return frame;
    }

    public Span<byte> Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            ReturnScratch();
            _scratch = ArrayPool<byte>.Shared.Rent(length);
        }

        return _scratch.AsSpan(0, length);
    }

    public void Complete(long bytes)
    {
        Summary.Bytes = bytes;
        if (_suppressedWarnings > 0)
        {
            Summary.Warnings.Add($"{_suppressedWarnings} further warnings not shown");
        }
    }

    public void Dispose() => ReturnScratch();

    private void ReturnScratch()
    {
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }
    }
}
