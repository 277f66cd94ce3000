namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// Streaming reader for pcap and pcapng (optionally gzip-compressed, detected by magic) over
/// System.IO.Pipelines. Packets are handed to an <see cref="IPacketSink"/> as spans into pooled buffers.
/// </summary>
public sealed class CaptureReader
{
    public CaptureReader(Stream stream, int captureIndex = 0, string? name = null)
    {
        Stream = stream;
        CaptureIndex = captureIndex;
        Name = name ?? "<stream>";
    }

    public Stream Stream { get; }
    public int CaptureIndex { get; }
    public string Name { get; }

    /// <summary>The summary so far; complete after ReadAsync returns, partial (packets before the damage) after it throws.</summary>
    public CaptureSummary Summary { get; } = new();

    /// <summary>Bytes of the underlying (compressed, if gzip) stream consumed so far; for progress bars.</summary>
    public long RawBytesRead => 0;

    /// <summary>Opens a file, or standard input for "-".</summary>
    public static CaptureReader Open(string path, int captureIndex = 0) =>
        throw new NotImplementedException();

    /// <summary>
    /// Reads the whole capture. Throws <see cref="CaptureFormatException"/> for a file that is not a capture
    /// or breaks in an unrecoverable way; a truncated last record is a warning in the summary instead.
    /// Packets delivered before a failure stay delivered.
    /// </summary>
    public ValueTask<CaptureSummary> ReadAsync<TSink>(TSink sink, CancellationToken cancellationToken = default)
        where TSink : IPacketSink =>
        throw new NotImplementedException();
}
