using System.Buffers;

namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// Cuts one pipe buffer into records: whole records inside a segment are parsed in place as one span;
/// only a record that straddles a segment edge is copied into the pooled scratch buffer. Returns how many
/// bytes were consumed; everything after that is an incomplete record left for the next read.
/// </summary>
internal static class RecordWalker
{
    private const int MaxHeaderLength = 32;

    public static long Walk<TFormat, TSink>(
        ref TFormat format, ref TSink sink, ReadOnlySequence<byte> buffer, long bufferOffset, bool completed,
        CaptureReadContext context)
        where TFormat : struct, IRecordFormat
        where TSink : IPacketSink
    {
        long total = buffer.Length;
        long consumed = 0;
        ReadOnlySpan<byte> span = buffer.FirstSpan;
        Span<byte> headerCopy = stackalloc byte[MaxHeaderLength];

        while (!format.Finished)
        {
            if (context.SkipRemaining > 0)
            {
                long skipped = Math.Min(context.SkipRemaining, total - consumed);
                consumed += skipped;
                context.SkipRemaining -= skipped;
                span = SpanAt(buffer, consumed);
                if (context.SkipRemaining == 0)
                {
                    format.OnOversize(context.SkipHeader, context.SkipOffset, context.SkipLength, ref sink);
                }
                else if (completed)
                {
                    // The input ends inside it: a record running past the end, as if it had been waited for.
                    context.SkipRemaining = 0;
                    format.OnBadLength(context.SkipOffset, context.SkipLength, pastEnd: true);
                }
                else
                {
                    return consumed;
                }

                continue;
            }

            if (format.Resynchronising)
            {
                consumed += format.Resynchronise(buffer.Slice(consumed), bufferOffset + consumed, completed);
                if (format.Resynchronising)
                {
                    return consumed;
                }

                span = SpanAt(buffer, consumed);
                continue;
            }

            int headerLength = format.HeaderLength;
            long offset = bufferOffset + consumed;

            // Fast path: the whole record lies inside the current segment.
            if (span.Length >= headerLength)
            {
                long length = format.Measure(span[..headerLength]);
                if (length > 0 && length <= span.Length && length <= CaptureReadContext.MaxBufferedRecordLength)
                {
                    if (format.Deliver(span[..(int)length], offset, ref sink))
                    {
                        span = span[(int)length..];
                        consumed += length;
                    }
                    else
                    {
                        consumed += SkipIntoResync(ref format);
                        span = SpanAt(buffer, consumed);
                    }

                    continue;
                }
            }

            long left = total - consumed;
            if (span.IsEmpty && left > 0)
            {
                span = SpanAt(buffer, consumed);
                continue;
            }

            if (left < headerLength)
            {
                if (completed && left > 0)
                {
                    format.OnCutHeader(offset, left);
                    return total;
                }

                return consumed;
            }

            ReadOnlySpan<byte> header = span.Length >= headerLength ? span[..headerLength] : Copy(buffer, consumed, headerCopy[..headerLength]);
            long recordLength = format.Measure(header);
            bool pastEnd = recordLength > 0
                && ((context.InputLength is long inputLength && offset + recordLength > inputLength)
                    || (completed && recordLength > left));
            if (recordLength <= 0 || pastEnd)
            {
                format.OnBadLength(offset, recordLength, pastEnd);
                consumed += SkipIntoResync(ref format);
                span = SpanAt(buffer, consumed);
                continue;
            }

            if (recordLength > CaptureReadContext.MaxBufferedRecordLength)
            {
                // Never buffered: its bytes are passed over as they arrive, however many reads that takes.
                context.BeginSkip(header, offset, recordLength);
                continue;
            }

            if (recordLength > left)
            {
                return consumed; // wait for the rest of the record
            }

            // The record straddles segments: one copy into the pooled scratch buffer.
            Span<byte> record = context.Scratch((int)recordLength);
            buffer.Slice(consumed, recordLength).CopyTo(record);
            consumed += format.Deliver(record, offset, ref sink) ? recordLength : SkipIntoResync(ref format);
            span = SpanAt(buffer, consumed);
        }

        return total; // finished: the rest of the input is the truncated record
    }

    /// <summary>A format that starts resynchronising has ruled out the bad block's first word.</summary>
    private static long SkipIntoResync<TFormat>(ref TFormat format)
        where TFormat : struct, IRecordFormat =>
        format.Resynchronising ? 4 : 0;

    private static ReadOnlySpan<byte> SpanAt(ReadOnlySequence<byte> buffer, long position) =>
        position >= buffer.Length ? default : buffer.Slice(position).FirstSpan;

    private static ReadOnlySpan<byte> Copy(ReadOnlySequence<byte> buffer, long start, Span<byte> destination)
    {
        buffer.Slice(start, destination.Length).CopyTo(destination);
        return destination;
    }
}
