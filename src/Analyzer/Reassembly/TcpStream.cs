using System.Buffers;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// One direction of a TCP connection: delivers payload bytes in sequence order to its
/// <see cref="SipStreamFraming"/>, each byte once. Retransmitted and overlapping bytes are dropped (and
/// counted), segments after a gap wait in a small pooled store until the gap fills or the store is full.
/// A slot of the reassembler's stream table, taken with the direction's first SYN, FIN or payload: a stream costs
/// no object until it holds out-of-order segments or a tail too long for its slot. A default value is a stream not
/// yet synchronised. The methods that may touch held segments take the stream's slot (<c>id</c>): those segments
/// live in the context's <see cref="TcpPendingStore"/>, not in the slot, which every new connection writes afresh.
/// </summary>
internal struct TcpStream
{
    /// <summary>
    /// The largest window TCP can advertise (RFC 7323 §2.3: 2^30 with the largest scale). A segment further
    /// ahead or behind than this cannot belong to the stream as known, and exactly 2^31 away it is neither
    /// ahead nor behind in serial arithmetic (RFC 1982 §3.2).
    /// </summary>
    internal const long MaxWindow = 1L << 30;

    private SipStreamFraming _framing;

    /// <summary>The next sequence number is known (from the SYN, or from the first segment seen).</summary>
    public bool Synchronized { get; private set; }
    public uint NextSequence { get; private set; }
    /// <summary>A FIN was seen and every byte before it delivered.</summary>
    public bool Finished { get; private set; }
    // Plain numbers with flags rather than uint?: a stream is a slot of its own per direction, and each nullable took 8 bytes.
    private uint _finSequence;
    private uint _isn;
    private bool _finSeen;
    private bool _isnSeen;

    /// <summary>
    /// SYN: the stream's bytes start at <paramref name="isn"/> + 1. The same SYN again is a retransmission;
    /// another ISN on a known stream is a new connection on the same ports.
    /// </summary>
    public void OnSyn(TcpStreamContext context, int id, uint isn)
    {
        if (_isnSeen && _isn == isn) return;
        if (Synchronized) Reset(context, id);
        _isn = isn;
        _isnSeen = true;
        Synchronized = true;
        NextSequence = unchecked(isn + 1);
    }

    public void OnFin(uint sequence)
    {
        _finSequence = sequence;
        _finSeen = true;
        if (Synchronized && sequence == NextSequence) Finished = true;
    }

    /// <returns>False when the segment lies outside any possible window (ignored and counted).</returns>
    public bool OnPayload(TcpStreamContext context, int id, uint sequence, ReadOnlySpan<byte> payload, in PacketMeta meta, ISipMessageSink sink)
    {
        if (!Synchronized)
        {
            // The capture began after the handshake: take the first bytes seen as the start.
            Synchronized = true;
            NextSequence = sequence;
        }
        long offset = Distance(NextSequence, sequence);
        if (offset is <= -MaxWindow or > MaxWindow)
        {
            context.Counters.OutOfWindowSegments++;
            return false;
        }
        if (offset < 0)
        {
            context.Counters.RetransmittedSegments++;
            if (-offset >= payload.Length) return true;
            payload = payload[(int)-offset..];
            offset = 0;
        }
        if (offset > 0)
        {
            Hold(context, id, sequence, payload, meta, sink);
            return true;
        }
        Deliver(context, payload, meta, sink);
        DrainPending(context, id, meta, sink);
        return true;
    }

    /// <summary>The connection is gone: pooled buffers go back.</summary>
    public void Close(TcpStreamContext context, int id)
    {
        _framing.Close(context);
        ReleasePending(context, id);
    }

    private void Deliver(TcpStreamContext context, ReadOnlySpan<byte> payload, in PacketMeta meta, ISipMessageSink sink)
    {
        NextSequence = unchecked(NextSequence + (uint)payload.Length);
        _framing.Append(context, payload, meta, sink);
        if (_finSeen && _finSequence == NextSequence) Finished = true;
    }

    private void Hold(TcpStreamContext context, int id, uint sequence, ReadOnlySpan<byte> payload, in PacketMeta meta, ISipMessageSink sink)
    {
        var held = context.Pending.Of(id);
        int count = held?.Count ?? 0;
        int at = 0;
        while (at < count && SequenceBefore(held![at].Sequence, sequence)) at++;
        if (at < count && held![at].Sequence == sequence && held[at].Length >= payload.Length)
        {
            context.Counters.RetransmittedSegments++;
            return;
        }
        bool full = count >= context.Limits.MaxOutOfOrderSegments
            || context.Pending.BytesOf(id) + payload.Length > context.Limits.MaxOutOfOrderBytes;
        if (!full && !context.Budget.TryReserve(payload.Length))
        {
            context.Counters.BudgetDrops++;
            full = true;
        }
        if (full)
        {
            // The missing bytes are not coming (lost before the capture point): give the gap up.
            SkipGap(context, id, sequence, meta, sink);
            OnPayload(context, id, sequence, payload, meta, sink);
            return;
        }
        context.Counters.OutOfOrderSegments++;
        var bytes = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(bytes);
        context.Pending.For(id).Insert(at, new TcpPendingSegment(sequence, bytes, payload.Length));
    }

    /// <summary>Delivers held segments that the stream has now reached.</summary>
    private void DrainPending(TcpStreamContext context, int id, in PacketMeta meta, ISipMessageSink sink)
    {
        if (context.Pending.IsEmpty) return;
        var held = context.Pending.Of(id);
        if (held is null) return;
        while (held.Count > 0)
        {
            var first = held[0];
            long offset = Distance(NextSequence, first.Sequence);
            if (offset > 0) break;
            held.RemoveAt(0);
            context.Budget.Release(first.Length);
            if (-offset < first.Length)
            {
                if (offset < 0) context.Counters.RetransmittedSegments++;
                Deliver(context, first.Bytes.AsSpan((int)-offset, (int)(first.Length + offset)), meta, sink);
            }
            else
            {
                context.Counters.RetransmittedSegments++;
            }
            ArrayPool<byte>.Shared.Return(first.Bytes);
        }
        context.Pending.Trim(id);
    }

    /// <summary>
    /// Jumps over the missing bytes to the first held segment (or to <paramref name="sequence"/> when it comes
    /// first); the framer resynchronises on the next start line.
    /// </summary>
    private void SkipGap(TcpStreamContext context, int id, uint sequence, in PacketMeta meta, ISipMessageSink sink)
    {
        context.Counters.Gaps++;
        _framing.OnGap(context);
        var held = context.Pending.Of(id);
        bool heldFirst = held is { Count: > 0 } && SequenceBefore(held[0].Sequence, sequence);
        NextSequence = heldFirst ? held![0].Sequence : sequence;
        DrainPending(context, id, meta, sink);
    }

    private void Reset(TcpStreamContext context, int id)
    {
        _framing.OnGap(context);
        ReleasePending(context, id);
        Finished = false;
        _finSeen = false;
    }

    private void ReleasePending(TcpStreamContext context, int id)
    {
        if (context.Pending.IsEmpty) return;
        context.Budget.Release(context.Pending.Release(id));
    }

    /// <summary>Sequence-number order with wrap-around (RFC 1982 serial arithmetic).</summary>
    private static bool SequenceBefore(uint a, uint b) => Distance(b, a) < 0;

    /// <summary>
    /// How far <paramref name="to"/> lies ahead of <paramref name="from"/> (negative: behind), in
    /// [-2^31, 2^31), as a long so that negating it never overflows.
    /// </summary>
    internal static long Distance(uint from, uint to) => unchecked((int)(to - from));
}
