using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// Splits one direction of a TCP byte stream into SIP messages: the header section up to the empty line,
/// then Content-Length body bytes (RFC 3261 §18.3). CRLF keep-alives between messages are skipped and
/// counted; bytes that are not a start line (garbage, or a capture that began mid-message) are skipped up
/// to the next request or status line. Whole messages are handed out straight from the segment; only an
/// unfinished tail is copied: a short one into the slot itself (<see cref="SipStreamTailBytes"/>), a longer one into a
/// pooled buffer that never exceeds <see cref="TcpReassemblyLimits.MaxMessageBytes"/>.
/// A struct held inside its stream's slot, so that tracking a stream costs no object of its own;
/// the limits, counters and budget it shares with every stream come in as <see cref="TcpStreamContext"/>.
/// A default value is a stream at its start.
/// </summary>
internal struct SipStreamFraming
{
    private enum State : byte { Hunting, InSync, NotSip }

    private static ReadOnlySpan<byte> Version => "SIP/2.0"u8;

    /// <summary>
    /// The smallest buffer a stream rents, for a tail longer than the slot holds. An unfinished tail is usually a
    /// start line or part of a header section, and a flood of connections that each send a few bytes must not take
    /// 4 KiB apiece (65 536 of them spent the whole budget at 8 192); a tail that grows doubles its buffer, a copy
    /// of what it holds.
    /// </summary>
    internal const int MinBufferBytes = 64;

    /// <summary>Null while the tail fits <see cref="_inline"/> (no budget taken: the slot is the connection cap's).</summary>
    private byte[]? _buffer;
    private SipStreamTailBytes _inline;
    /// <summary>The budget bytes <see cref="_buffer"/> holds.</summary>
    private int _reserved;
    private int _count;
    private State _state;
    private bool _everSynced;
    /// <summary>
    /// Bytes skipped before the first start line, counted only until one is found (they are read only then), so an
    /// int: a long made every stream slot 8 bytes larger.
    /// </summary>
    private int _huntedBytes;
    private long _discard;
    /// <summary>Buffered bytes the current message needs in all (known once its headers are in); 0 = unknown.</summary>
    private int _needed;
    /// <summary>
    /// How far into the unfinished message (which always starts the buffer) the search for the end of its header
    /// section got: the next segment resumes there instead of searching the whole section again.
    /// </summary>
    private int _headerScanned;
    /// <summary>
    /// The frame whose segment carried the first byte of the next message to be delivered: where a message spread over
    /// several segments began, so a call selection can keep every segment of its messages.
    /// </summary>
    private long _firstFrame;

    /// <summary>True once the stream was given up on as not SIP (its bytes are ignored from then on).</summary>
    public readonly bool IsNotSip => _state == State.NotSip;

    /// <summary>Bytes of an unfinished message held until more of the stream arrives.</summary>
    public readonly int BufferedBytes => _count;

    /// <summary>Takes the next in-order bytes of the stream; complete messages go to <paramref name="sink"/>.</summary>
    public void Append(TcpStreamContext context, ReadOnlySpan<byte> data, in PacketMeta meta, ISipMessageSink sink)
    {
        while (!data.IsEmpty && _state != State.NotSip)
        {
            if (_discard > 0)
            {
                int skip = (int)Math.Min(_discard, data.Length);
                _discard -= skip;
                data = data[skip..];
                continue;
            }
            if (_count == 0)
            {
                _firstFrame = meta.Frame;
                int used = Process(context, data, meta, sink);
                data = data[used..];
                if (data.IsEmpty || _discard > 0 || _state == State.NotSip) continue;
                if (data.Length > context.Limits.MaxMessageBytes) data = DropOversize(context, data);
                Store(context, data);
                return;
            }
            int take = Math.Min(context.Limits.MaxMessageBytes - _count, data.Length);
            bool stored = Store(context, data[..take]);
            data = data[take..];
            if (!stored) continue;  // given up for the budget: the rest of the data is hunted afresh
            if (_count < _needed) continue; // a large body still arriving: no need to look at the headers again
            int consumed = Process(context, Held[.._count], meta, sink);
            Consume(context, consumed);
            if (_count >= context.Limits.MaxMessageBytes) Consume(context, _count - DropOversize(context, Held[.._count]).Length);
        }
    }

    /// <summary>Bytes of the stream were lost (a gap given up on): what is buffered cannot be completed.</summary>
    public void OnGap(TcpStreamContext context)
    {
        ReleaseBuffer(context);
        _needed = 0;
        _headerScanned = 0;
        _discard = 0;
        if (_state == State.InSync) _state = State.Hunting;
    }

    /// <summary>The connection ended: an unfinished message is counted, the buffer goes back to the pool.</summary>
    public void Close(TcpStreamContext context)
    {
        if (_count > 0 && _state == State.InSync)
        {
            // A last keep-alive still waiting for the bytes that would tell ping from pong is a pong.
            if (Held[0] == (byte)'\r') context.Counters.KeepalivePongs++;
            else context.Counters.TruncatedAtClose++;
        }
        ReleaseBuffer(context);
    }

    private void ReleaseBuffer(TcpStreamContext context)
    {
        _count = 0;
        _headerScanned = 0;
        if (_buffer is null) return;
        context.Budget.Release(_reserved);
        _reserved = 0;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }

    /// <summary>Frames what it can; returns the bytes consumed (the rest is an unfinished message or start line).</summary>
    private int Process(TcpStreamContext context, ReadOnlySpan<byte> span, in PacketMeta meta, ISipMessageSink sink)
    {
        int pos = 0;
        while (pos < span.Length && _state != State.NotSip)
        {
            var rest = span[pos..];
            if (_state == State.Hunting)
            {
                int found = Hunt(context, rest, out bool synced);
                pos += found;
                if (!synced) return pos;
                continue;
            }
            int keepalive = Keepalive(context, rest);
            if (keepalive > 0)
            {
                pos += keepalive;
                continue;
            }
            if (keepalive < 0) return pos;
            int message = Frame(context, rest, meta, sink);
            if (message < 0) return pos;
            pos += message;
        }
        return pos;
    }

    /// <summary>
    /// Searches for a start line; returns the bytes to skip before it (synced) or before the unfinished last
    /// line that might still become one (not synced).
    /// </summary>
    private int Hunt(TcpStreamContext context, ReadOnlySpan<byte> rest, out bool synced)
    {
        synced = false;
        int searchFrom = 0;
        int lineStart = 0;
        // A start line begins the data, or follows a LF; "SIP/2.0" ends a request line and begins a status line.
        var first = SipDetector.Classify(rest);
        if (first == SipStartLineKind.Incomplete) return 0;
        if (first != SipStartLineKind.NotSip) return Synced(context, 0, out synced);
        while (true)
        {
            int v = rest[searchFrom..].IndexOf(Version);
            if (v < 0) break;
            v += searchFrom;
            lineStart = rest[..v].LastIndexOf((byte)'\n') + 1;
            var kind = SipDetector.Classify(rest[lineStart..]);
            if (kind == SipStartLineKind.Incomplete) return Skipped(context, lineStart);
            if (kind != SipStartLineKind.NotSip) return Synced(context, lineStart, out synced);
            searchFrom = v + Version.Length;
        }
        // Keep the last unfinished line (it may be a request line whose "SIP/2.0" has not arrived yet).
        int keep = rest.LastIndexOf((byte)'\n') + 1;
        keep = Math.Max(keep, rest.Length - SipDetector.MaxStartLineLength);
        return Skipped(context, keep);
    }

    private int Synced(TcpStreamContext context, int skipped, out bool synced)
    {
        synced = true;
        Skipped(context, skipped);
        _state = State.InSync;
        _everSynced = true;
        _huntedBytes = 0;
        return skipped;
    }

    private int Skipped(TcpStreamContext context, int bytes)
    {
        context.Counters.SkippedBytes += bytes;
        if (_everSynced) return bytes;
        _huntedBytes = (int)Math.Min((long)_huntedBytes + bytes, int.MaxValue);
        if (_huntedBytes > context.Limits.MaxHuntBytes)
        {
            _state = State.NotSip;
            context.Counters.NonSipStreams++;
        }
        return bytes;
    }

    /// <summary>Bytes of keep-alive at the start (&gt; 0), 0 when none, -1 when the next bytes must decide.</summary>
    private readonly int Keepalive(TcpStreamContext context, ReadOnlySpan<byte> rest)
    {
        if (rest[0] == (byte)'\n')
        {
            context.Counters.KeepalivePongs++;
            return 1;
        }
        if (rest[0] != (byte)'\r') return 0;
        if (rest.Length < 2) return -1;
        if (rest[1] != (byte)'\n') return 0;
        // "\r\n" may be a pong or the first half of a ping: wait until the next bytes tell.
        if (rest.Length == 2 || rest.Length == 3 && rest[2] == (byte)'\r') return -1;
        if (rest.Length >= 4 && rest[2] == (byte)'\r' && rest[3] == (byte)'\n')
        {
            context.Counters.KeepalivePings++;
            return 4;
        }
        context.Counters.KeepalivePongs++;
        return 2;
    }

    /// <summary>
    /// Delivers the message at the start of <paramref name="rest"/> and returns its length; -1 when it is
    /// incomplete; 0 when the bytes are no start line (the framer then hunts for the next one).
    /// </summary>
    private int Frame(TcpStreamContext context, ReadOnlySpan<byte> rest, in PacketMeta meta, ISipMessageSink sink)
    {
        var kind = SipDetector.Classify(rest);
        if (kind == SipStartLineKind.Incomplete) return -1;
        if (kind == SipStartLineKind.NotSip)
        {
            context.Counters.Resyncs++;
            _state = State.Hunting;
            _headerScanned = 0;
            return 0;
        }
        int headerEnd = SipFraming.FindHeaderEnd(rest, ref _headerScanned);
        if (headerEnd < 0) return -1;
        if (!SipFraming.TryReadContentLength(rest[..headerEnd], out int contentLength))
        {
            context.Counters.MissingContentLength++;
            contentLength = 0;
        }
        long total = (long)headerEnd + contentLength;
        if (total > rest.Length)
        {
            if (total <= context.Limits.MaxMessageBytes)
            {
                _needed = (int)total;
                return -1;
            }
            // Too large to buffer: hand out what there is once (the parser flags the short body), skip the rest.
            context.Counters.OversizeMessages++;
            Deliver(context, rest, meta, sink);
            _discard = total - rest.Length;
            return rest.Length;
        }
        Deliver(context, rest[..(int)total], meta, sink);
        return (int)total;
    }

    private void Deliver(TcpStreamContext context, ReadOnlySpan<byte> message, in PacketMeta meta, ISipMessageSink sink)
    {
        _needed = 0;
        _headerScanned = 0;
        context.Counters.Messages++;
        sink.OnSipMessage(meta, _firstFrame, message);
        // What follows a delivered message in the data began in this segment.
        _firstFrame = meta.Frame;
    }

    /// <summary>An unfinished message that has reached the buffer limit: count it and look for the next one.</summary>
    private ReadOnlySpan<byte> DropOversize(TcpStreamContext context, ReadOnlySpan<byte> data)
    {
        context.Counters.OversizeMessages++;
        _state = State.Hunting;
        _needed = 0;
        _headerScanned = 0;
        // At most half the limit, so that a limit below the longest start line still drops something and the
        // stream moves on.
        int keep = Math.Min(data.Length, Math.Min(SipDetector.MaxStartLineLength, context.Limits.MaxMessageBytes / 2));
        return data[^keep..];
    }

    /// <summary>Where the unfinished tail is: the slot's own bytes, or the pooled buffer once it outgrew them.</summary>
    [UnscopedRef]
    private Span<byte> Held => _buffer is null ? _inline : _buffer;

    /// <summary>Buffers <paramref name="data"/> after what is held; false when the budget refused (all is dropped).</summary>
    private bool Store(TcpStreamContext context, ReadOnlySpan<byte> data)
    {
        int needed = _count + data.Length;
        if (_buffer is null && needed <= SipStreamTailBytes.Length)
        {
            data.CopyTo(((Span<byte>)_inline)[_count..]);
            _count = needed;
            return true;
        }
        if (_buffer is null || _buffer.Length < needed)
        {
            // The pool hands out powers of two: reserve what it will give.
            int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(needed, MinBufferBytes));
            if (!context.Budget.TryReserve(size))
            {
                context.Counters.BudgetDrops++;
                ReleaseBuffer(context);
                _needed = 0;
                if (_state == State.InSync) _state = State.Hunting;
                return false;
            }
            var bigger = ArrayPool<byte>.Shared.Rent(size);
            Held[.._count].CopyTo(bigger);
            if (_buffer is not null)
            {
                context.Budget.Release(_reserved);
                ArrayPool<byte>.Shared.Return(_buffer);
            }
            _buffer = bigger;
            _reserved = size;
        }
        data.CopyTo(_buffer.AsSpan(_count));
        _count = needed;
        return true;
    }

    private void Consume(TcpStreamContext context, int bytes)
    {
        if (bytes <= 0) return;
        var held = Held;
        held[bytes.._count].CopyTo(held);
        _count -= bytes;
        // Nothing held: the buffer goes back, so an idle connection keeps no share of the budget.
        if (_count == 0) ReleaseBuffer(context);
    }
}
