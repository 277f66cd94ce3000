using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;

namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// Streaming reader for pcap and pcapng (optionally gzip-compressed, detected by magic) over
/// System.IO.Pipelines. Packets are handed to an <see cref="IPacketSink"/> as spans into pooled buffers.
/// </summary>
public sealed class CaptureReader
{
    /// <summary>Pipe segment size: large enough that records rarely straddle a segment edge.</summary>
    private const int BufferSize = 1 << 20;
    private const int MinimumReadSize = 64 << 10;
    private const int MagicLength = 4;

    private CountingStream? _counting;

    public CaptureReader(Stream stream, int captureIndex = 0, string? name = null)
    {
        Stream = stream;
        CaptureIndex = captureIndex;
        Name = name ?? "<stream>";
        Length = RemainingLength(stream);
    }

    public Stream Stream { get; }
    public int CaptureIndex { get; }
    public string Name { get; }

    /// <summary>The summary so far; complete after ReadAsync returns, partial (packets before the damage) after it throws.</summary>
    public CaptureSummary Summary { get; } = new();

    /// <summary>Bytes left in the stream when the reader was made, if the stream can tell (files); null for pipes.</summary>
    public long? Length { get; }

    /// <summary>Bytes of the underlying (compressed, if gzip) stream consumed so far; for progress bars.</summary>
    public long RawBytesRead => _counting?.BytesRead ?? 0;

    /// <summary>Opens a file, or standard input for "-".</summary>
    public static CaptureReader Open(string path, int captureIndex = 0)
    {
        if (path == "-")
        {
            return new CaptureReader(Console.OpenStandardInput(), captureIndex, "-");
        }

        // No FileStream buffer: the pipe already reads in 1 MiB blocks.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return new CaptureReader(file, captureIndex, path);
    }

    /// <summary>
    /// Reads the whole capture. Throws <see cref="CaptureFormatException"/> for a file that is not a capture
    /// or breaks in an unrecoverable way; a truncated last record is a warning in the summary instead.
    /// Packets delivered before a failure stay delivered.
    /// </summary>
    public async ValueTask<CaptureSummary> ReadAsync<TSink>(TSink sink, CancellationToken cancellationToken = default)
        where TSink : IPacketSink
    {
        var summary = Summary;
        _counting = new CountingStream(Stream);
        var raw = PipeReader.Create(_counting, PipeOptions(leaveOpen: true));
        PipeReader reader = raw;
        try
        {
            byte[] magic = await PeekAsync(raw, cancellationToken).ConfigureAwait(false);
            long? inputLength = Length;
            if (magic.Length >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
            {
                summary.Gzip = true;
                inputLength = null;
                var gzip = new GZipStream(raw.AsStream(leaveOpen: true), CompressionMode.Decompress);
                reader = PipeReader.Create(gzip, PipeOptions(leaveOpen: false));
                try
                {
                    magic = await PeekAsync(reader, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    CaptureErrors.Throw($"gzip data damaged before the capture starts ({e.Message})", 0, 0, "file header");
                }
            }

            using var context = new CaptureReadContext(summary, CaptureIndex, Name, inputLength);
            long bytes = CaptureFormatDetector.Detect(magic) == CaptureFormat.Pcap
                ? await ReadRecordsAsync(reader, new PcapFormat(context), sink, context, cancellationToken).ConfigureAwait(false)
                : await ReadRecordsAsync(reader, new PcapngFormat(context), sink, context, cancellationToken).ConfigureAwait(false);
            if (summary.Gzip && !summary.Truncated && !_counting.GzipTrailerMatches(bytes))
            {
                summary.Truncated = true;
                context.Warn($"truncated: the gzip data ends after {bytes} decompressed bytes, but its trailer does not give that size (cut compressed data); the {context.Packets} packets before it were read");
            }

            context.Complete(bytes);
            return summary;
        }
        catch (CaptureFormatException e)
        {
            summary.Bytes = e.FileOffset; // what was read before the damage
            throw;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            if (reader != raw)
            {
                await raw.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One pass over the pipe: one <see cref="PipeReader.AdvanceTo(SequencePosition, SequencePosition)"/> per read.</summary>
    private static async ValueTask<long> ReadRecordsAsync<TFormat, TSink>(
        PipeReader reader, TFormat format, TSink sink, CaptureReadContext context, CancellationToken cancellationToken)
        where TFormat : struct, IRecordFormat
        where TSink : IPacketSink
    {
        long offset = 0;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                // Damaged or cut gzip data: keep what was decompressed, as Wireshark does up to the error.
                context.Summary.Truncated = true;
                context.Warn($"truncated: compressed data damaged or cut after {offset} decompressed bytes ({e.Message}); the {context.Packets} packets before it were read");
                return offset;
            }

            var buffer = result.Buffer;
            long consumed = 0;
            try
            {
                consumed = RecordWalker.Walk(ref format, ref sink, buffer, offset, result.IsCompleted, context);
            }
            finally
            {
                reader.AdvanceTo(buffer.GetPosition(consumed), buffer.End);
            }

            offset += consumed;
            if (result.IsCompleted || format.Finished)
            {
                return offset;
            }
        }
    }

    /// <summary>The first bytes of the stream (fewer only when it is shorter), left unconsumed in the pipe.</summary>
    private static async ValueTask<byte[]> PeekAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= MagicLength || result.IsCompleted)
            {
                byte[] magic = buffer.Slice(0, Math.Min(buffer.Length, MagicLength)).ToArray();
                reader.AdvanceTo(buffer.Start);
                return magic;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static StreamPipeReaderOptions PipeOptions(bool leaveOpen) =>
        new(pool: null, bufferSize: BufferSize, minimumReadSize: MinimumReadSize, leaveOpen: leaveOpen);

    private static long? RemainingLength(Stream stream)
    {
        try
        {
            return stream.CanSeek ? stream.Length - stream.Position : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
