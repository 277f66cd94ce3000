using System.Buffers;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// One direction of a TCP connection: delivers payload bytes in sequence order to its
/// <see cref="SipStreamFramer"/>, each byte once. Retransmitted and overlapping bytes are dropped (and
/// counted), segments after a gap wait in a small pooled store until the gap fills or the store is full.
/// </summary>
internal sealed class TcpStream
{
    /// <summary>
    /// The largest window TCP can advertise (RFC 7323 §2.3: 2^30 with the largest scale). A segment further
    /// ahead or behind than this cannot belong to the stream as known, and exactly 2^31 away it is neither
    /// ahead nor behind in serial arithmetic (RFC 1982 §3.2).
    /// </summary>
    internal const long MaxWindow = 1L << 30;

    private readonly TcpReassemblyLimits _limits;
    private readonly TcpReassemblyCounters _counters;
    private readonly TcpBufferBudget _budget;
    private List<TcpPendingSegment>? _pending;
    private int _pendingBytes;

    public TcpStream(TcpReassemblyLimits limits, TcpReassemblyCounters counters, TcpBufferBudget budget)
    {
        _limits = limits;
        _counters = counters;
        _budget = budget;
        Framer = new SipStreamFramer(limits, counters, budget);
    }

    public SipStreamFramer Framer { get; }
    /// <summary>The next sequence number is known (from the SYN, or from the first segment seen).</summary>
    public bool Synchronized { get; private set; }
    public uint NextSequence { get; private set; }
    /// <summary>A FIN was seen and every byte before it delivered.</summary>
    public bool Finished { get; private set; }
    private uint? _finSequence;
    private uint? _isn;

    /// <summary>
    /// SYN: the stream's bytes start at <paramref name="isn"/> + 1. The same SYN again is a retransmission;
    /// another ISN on a known stream is a new connection on the same ports.
    /// </summary>
    public void OnSyn(uint isn)
    {
        if (_isn == isn) return;
        if (Synchronized) Reset();
        _isn = isn;
        Synchronized = true;
        NextSequence = unchecked(isn + 1);
    }

    public void OnFin(uint sequence)
    {
        _finSequence = sequence;
        if (Synchronized && sequence == NextSequence) Finished = true;
    }

    /// <returns>False when the segment lies outside any possible window (ignored and counted).</returns>
    public bool OnPayload(uint sequence, ReadOnlySpan<byte> payload, in PacketMeta meta, ISipMessageSink sink)
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
            _counters.OutOfWindowSegments++;
            return false;
        }
        if (offset < 0)
        {
            _counters.RetransmittedSegments++;
            if (-offset >= payload.Length) return true;
            payload = payload[(int)-offset..];
            offset = 0;
        }
        if (offset > 0)
        {
            Hold(sequence, payload, meta, sink);
            return true;
        }
        Deliver(payload, meta, sink);
        DrainPending(meta, sink);
        return true;
    }

    /// <summary>The connection is gone: pooled buffers go back.</summary>
    public void Close()
    {
        Framer.Close();
        ReleasePending();
    }

    private void Deliver(ReadOnlySpan<byte> payload, in PacketMeta meta, ISipMessageSink sink)
    {
        NextSequence = unchecked(NextSequence + (uint)payload.Length);
        Framer.Append(payload, meta, sink);
        if (_finSequence == NextSequence) Finished = true;
    }

    private void Hold(uint sequence, ReadOnlySpan<byte> payload, in PacketMeta meta, ISipMessageSink sink)
    {
        _pending ??= new List<TcpPendingSegment>(4);
        int at = 0;
        while (at < _pending.Count && SequenceBefore(_pending[at].Sequence, sequence)) at++;
        if (at < _pending.Count && _pending[at].Sequence == sequence && _pending[at].Length >= payload.Length)
        {
            _counters.RetransmittedSegments++;
            return;
        }
        bool full = _pending.Count >= _limits.MaxOutOfOrderSegments || _pendingBytes + payload.Length > _limits.MaxOutOfOrderBytes;
        if (!full && !_budget.TryReserve(payload.Length))
        {
            _counters.BudgetDrops++;
            full = true;
        }
        if (full)
        {
            // The missing bytes are not coming (lost before the capture point): give the gap up.
            SkipGap(sequence, meta, sink);
            OnPayload(sequence, payload, meta, sink);
            return;
        }
        _counters.OutOfOrderSegments++;
        var bytes = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(bytes);
        _pending.Insert(at, new TcpPendingSegment(sequence, bytes, payload.Length));
        _pendingBytes += payload.Length;
    }

    /// <summary>Delivers held segments that the stream has now reached.</summary>
    private void DrainPending(in PacketMeta meta, ISipMessageSink sink)
    {
        while (_pending is { Count: > 0 })
        {
            var first = _pending[0];
            long offset = Distance(NextSequence, first.Sequence);
            if (offset > 0) return;
            _pending.RemoveAt(0);
            _pendingBytes -= first.Length;
            _budget.Release(first.Length);
            if (-offset < first.Length)
            {
                if (offset < 0) _counters.RetransmittedSegments++;
                Deliver(first.Bytes.AsSpan((int)-offset, (int)(first.Length + offset)), meta, sink);
            }
            else
            {
                _counters.RetransmittedSegments++;
            }
            ArrayPool<byte>.Shared.Return(first.Bytes);
        }
    }

    /// <summary>
    /// Jumps over the missing bytes to the first held segment (or to <paramref name="sequence"/> when it comes
    /// first); the framer resynchronises on the next start line.
    /// </summary>
    private void SkipGap(uint sequence, in PacketMeta meta, ISipMessageSink sink)
    {
        _counters.Gaps++;
        Framer.OnGap();
        bool heldFirst = _pending is { Count: > 0 } && SequenceBefore(_pending[0].Sequence, sequence);
        NextSequence = heldFirst ? _pending![0].Sequence : sequence;
        DrainPending(meta, sink);
    }

    private void Reset()
    {
        Framer.OnGap();
        ReleasePending();
        Finished = false;
        _finSequence = null;
    }

    private void ReleasePending()
    {
        if (_pending is null) return;
        foreach (var segment in _pending) ArrayPool<byte>.Shared.Return(segment.Bytes);
        _budget.Release(_pendingBytes);
        _pending.Clear();
        _pendingBytes = 0;
    }

    /// <summary>Sequence-number order with wrap-around (RFC 1982 serial arithmetic).</summary>
    private static bool SequenceBefore(uint a, uint b) => Distance(b, a) < 0;

    /// <summary>
    /// How far <paramref name="to"/> lies ahead of <paramref name="from"/> (negative: behind), in
    /// [-2^31, 2^31), as a long so that negating it never overflows.
    /// </summary>
    internal static long Distance(uint from, uint to) => unchecked((int)(to - from));
}
