using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// Reassembles IPv4 and IPv6 fragments into datagrams (large SIP INVITEs over UDP fragment). Memory is bounded
/// by <see cref="IpReassemblyOptions"/>; whatever is given up is counted in <see cref="Stats"/>. Time is capture
/// time. Once warmed up (buffers pooled, datagram objects reused) a fragment costs no allocation.
/// </summary>
public sealed class IpReassembler
{
    private readonly IpReassemblyOptions _options;
    private readonly Dictionary<FragmentKey, PendingDatagram> _pending;
    private readonly Stack<PendingDatagram> _free = new();
    private readonly IpReassemblyBudget _budget;
    private PendingDatagram? _oldest, _newest;
    /// <summary>The datagram last handed out: its buffer stays valid until the next call.</summary>
    private PendingDatagram? _handedOut;
    private long _now = long.MinValue;

    /// <param name="budget">Shared by the reassemblers of every capture point of an analysis; a new one when null.</param>
    public IpReassembler(IpReassemblyOptions? options = null, IpReassemblyBudget? budget = null)
    {
        _options = options ?? new IpReassemblyOptions();
        _budget = budget ?? new IpReassemblyBudget();
        // Not sized ahead: a capture point without fragments (most of them) must cost next to nothing.
        _pending = new Dictionary<FragmentKey, PendingDatagram>();
    }

    public IpReassemblyStats Stats { get; } = new();

    /// <summary>
    /// Called with a datagram's key, its length (negative while its last fragment is missing) and whether the capture
    /// ended first, when the wait for its other fragments ends unmet: its time ran out, or the capture ended. What
    /// arrived of it is all that came (or, at the end, all that was captured).
    /// </summary>
    internal Action<FragmentKey, int, bool>? Abandoned { get; set; }

    /// <summary>
    /// Called with a datagram's key, its length (as for <see cref="Abandoned"/>) and how long it had waited (capture time)
    /// when it is dropped for the reassembler's own limits rather than the network's doing.
    /// </summary>
    internal Action<FragmentKey, int, long>? Discarded { get; set; }

    /// <summary>
    /// Adds the fragment in <paramref name="frame"/> (decoded from <paramref name="data"/>, captured at
    /// <paramref name="timestampNs"/>). When it completes its datagram, returns <see cref="FragmentResult.Complete"/>
    /// and the whole IP payload in <paramref name="datagram"/>, valid until the next call.
    /// </summary>
    public FragmentResult Add(in DecodedFrame frame, ReadOnlySpan<byte> data, long timestampNs, out ReassembledDatagram datagram)
    {
        datagram = default;
        ReleaseHandedOut();
        if (!frame.Has(FrameLayers.Fragment))
            return FragmentResult.NotFragment;
        Stats.Fragments++;
        Expire(timestampNs);
        if (frame.Has(FrameLayers.PayloadTruncated) || frame.PayloadOffset + frame.PayloadLength > data.Length)
        {
            Stats.TruncatedFragments++;
            return FragmentResult.Dropped;
        }
        var fragment = data.Slice(frame.PayloadOffset, frame.PayloadLength);
        int offset = frame.FragmentOffset;
        if (frame.MoreFragments && fragment.Length % 8 != 0)
            Stats.MisalignedFragments++; // RFC 791 forbids it; Wireshark reassembles it anyway, and so do we

        var key = FragmentKey.From(frame);
        if (!_pending.TryGetValue(key, out var pending))
            pending = Start(key, timestampNs);
        pending.Fragments++;

        int end = offset + fragment.Length;
        if (end > _options.MaxDatagramBytes)
        {
            Stats.DroppedTooLarge++;
            Discarded?.Invoke(pending.Key, pending.TotalLength, Waited(pending));
            Remove(pending);
            return FragmentResult.Dropped;
        }
        if (!frame.MoreFragments)
        {
            if (pending.TotalLength < 0)
                pending.TotalLength = end;
            else if (pending.TotalLength != end)
                Stats.ConflictingEnds++;
        }
        if (pending.TotalLength >= 0 && end > pending.TotalLength)
        {
            Stats.FragmentsPastEnd++; // Wireshark's "fragment too long": keep what lies inside the datagram
            end = pending.TotalLength;
            fragment = fragment[..Math.Max(0, end - offset)];
        }
        if (fragment.Length > 0 && !Store(pending, offset, fragment))
            return FragmentResult.Dropped;
        if (!pending.IsComplete)
            return FragmentResult.Pending;

        Stats.Reassembled++;
        Unlink(pending);
        _handedOut = pending;
        datagram = new ReassembledDatagram(pending.Payload, pending.Key, pending.Fragments, pending.FirstTimestampNs);
        return FragmentResult.Complete;
    }

    /// <summary>Evicts datagrams whose first fragment is older than the timeout at <paramref name="timestampNs"/>.</summary>
    public void Expire(long timestampNs)
    {
        if (timestampNs > _now)
            _now = timestampNs; // capture time only moves forward, even if interfaces interleave out of order
        while (_oldest != null && Waited(_oldest) > _options.TimeoutNs)
        {
            Stats.EvictedTimeout++;
            Abandoned?.Invoke(_oldest.Key, _oldest.TotalLength, false);
            Remove(_oldest);
        }
    }

    /// <summary>
    /// End of the capture, whose last packet was stamped <paramref name="endNs"/>: every datagram still waiting is
    /// incomplete. One that had waited the whole timeout by then timed out (only a new fragment makes the reassembler
    /// look at the time, and none may have come); the others were cut off by the end of the capture.
    /// </summary>
    public void Flush(long endNs = long.MinValue)
    {
        ReleaseHandedOut();
        long end = Math.Max(endNs, _now);
        while (_oldest != null)
        {
            bool timedOut = end > _oldest.FirstTimestampNs && Packets.TimeDistance.Between(end, _oldest.FirstTimestampNs) > _options.TimeoutNs;
            if (timedOut) Stats.EvictedTimeout++;
            else Stats.IncompleteAtEnd++;
            Abandoned?.Invoke(_oldest.Key, _oldest.TotalLength, !timedOut);
            Remove(_oldest);
        }
    }

    // Capture time a datagram has waited so far, never wrapped around by a damaged file's timestamps.
    private long Waited(PendingDatagram pending) =>
        _now > pending.FirstTimestampNs ? Packets.TimeDistance.Between(_now, pending.FirstTimestampNs) : 0;

    private bool Store(PendingDatagram pending, int offset, ReadOnlySpan<byte> fragment)
    {
        int growth = pending.EnsureCapacity(offset + fragment.Length, _options.MaxDatagramBytes);
        Stats.BytesInFlight += growth;
        _budget.Bytes += growth;
        while (_budget.Bytes > _options.MaxTotalBytes && _oldest != null)
        {
            var victim = _oldest;
            Stats.EvictedMemoryLimit++;
            Discarded?.Invoke(victim.Key, victim.TotalLength, Waited(victim));
            Remove(victim);
            if (victim == pending)
                return false;
        }
        Stats.PeakBytesInFlight = Math.Max(Stats.PeakBytesInFlight, Stats.BytesInFlight);
        int seen = pending.Write(offset, fragment);
        if (seen < 0)
        {
            Stats.DroppedTooManyPieces++;
            Discarded?.Invoke(pending.Key, pending.TotalLength, Waited(pending));
            Remove(pending);
            return false;
        }
        if (seen == fragment.Length)
            Stats.DuplicateFragments++;
        else if (seen > 0)
            Stats.OverlappingFragments++;
        return true;
    }

    private PendingDatagram Start(FragmentKey key, long timestampNs)
    {
        if (_budget.Datagrams >= _options.MaxDatagrams && _oldest != null)
        {
            Stats.EvictedDatagramLimit++;
            Discarded?.Invoke(_oldest.Key, _oldest.TotalLength, Waited(_oldest));
            Remove(_oldest);
        }
        var pending = _free.Count > 0 ? _free.Pop() : new PendingDatagram();
        pending.Start(key, timestampNs);
        _pending.Add(key, pending);
        _budget.Datagrams++;
        pending.Older = _newest;
        pending.Newer = null;
        if (_newest != null)
            _newest.Newer = pending;
        else
            _oldest = pending;
        _newest = pending;
        Stats.InFlight = _pending.Count;
        Stats.PeakInFlight = Math.Max(Stats.PeakInFlight, Stats.InFlight);
        return pending;
    }

    /// <summary>Takes a datagram out of the table and the age list (its buffer is still held).</summary>
    private void Unlink(PendingDatagram pending)
    {
        if (_pending.Remove(pending.Key))
            _budget.Datagrams--;
        if (pending.Older != null)
            pending.Older.Newer = pending.Newer;
        else
            _oldest = pending.Newer;
        if (pending.Newer != null)
            pending.Newer.Older = pending.Older;
        else
            _newest = pending.Older;
        pending.Older = pending.Newer = null;
        Stats.InFlight = _pending.Count;
    }

    private void Remove(PendingDatagram pending)
    {
        Unlink(pending);
        Recycle(pending);
    }

    private void Recycle(PendingDatagram pending)
    {
        Stats.BytesInFlight -= pending.Capacity;
        _budget.Bytes -= pending.Capacity;
        pending.Release();
        _free.Push(pending);
    }

    private void ReleaseHandedOut()
    {
        if (_handedOut == null)
            return;
        Recycle(_handedOut);
        _handedOut = null;
    }
}
