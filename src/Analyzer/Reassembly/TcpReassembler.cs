using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// TCP stream reassembly for SIP: per connection and direction, payload bytes in order and once, framed
/// into SIP messages. A connection is tracked per capture point (one interface of a file, or of every file of a ring-buffer set). Connections are found by content, on any port; TLS connections are counted and
/// skipped. State is bounded: idle connections expire by capture time, the table has a size limit with the
/// least recently active connection evicted, every stream buffer is capped and pooled, and all buffers together stay within a
/// <see cref="TcpBufferBudget"/>.
/// </summary>
public sealed class TcpReassembler
{
    private const byte Fin = 0x01, Syn = 0x02, Rst = 0x04;
    private const ushort SipTlsPort = 5061;
    private const ushort HttpsPort = 443;

    private const int None = -1;

    private readonly TcpReassemblyLimits _limits;
    private readonly TcpBufferBudget _budget;
    private readonly TcpStreamContext _context;
    private readonly TcpConnectionTable _connections = new();
    private readonly SlotPages<TcpStream> _streams = new();
    private int _oldest = None;
    private int _newest = None;

    /// <param name="budget">Shared by the reassemblers of every capture point of an analysis; a new one (32 MiB) when null.</param>
    public TcpReassembler(TcpReassemblyLimits? limits = null, TcpBufferBudget? budget = null)
    {
        _limits = limits ?? new TcpReassemblyLimits();
        _budget = budget ?? new TcpBufferBudget();
        _context = new TcpStreamContext(_limits, Counters, _budget);
    }

    public TcpBufferBudget Budget => _budget;

    public TcpReassemblyCounters Counters { get; } = new();

    /// <summary>Connections tracked now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>
    /// Takes one TCP segment (frames without a TCP layer are ignored). Complete SIP messages go to
    /// <paramref name="sink"/> with <paramref name="meta"/> — the segment that completed them.
    /// </summary>
    /// <returns>False when the segment's payload lay outside any possible window of its stream and was ignored.</returns>
    public bool OnSegment(in PacketMeta meta, in DecodedFrame frame, ReadOnlySpan<byte> payload, ISipMessageSink sink)
    {
        if (!frame.Has(FrameLayers.Tcp)) return true;
        Counters.Segments++;
        Counters.PayloadBytes += payload.Length;
        ExpireIdle(meta.TimestampNs);
        byte flags = frame.TcpFlags;
        var key = TcpConnectionKey.From(meta, frame, out bool fromLow);
        int slot = _connections.Find(key, out int hash);
        if (slot == None)
        {
            // A FIN, RST or bare ACK of a connection we do not track opens nothing.
            if ((flags & Rst) != 0 || (payload.IsEmpty && (flags & Syn) == 0)) return true;
            slot = Open(key, hash);
        }
        Touch(slot, meta.TimestampNs);
        if ((flags & Rst) != 0)
        {
            Remove(slot);
            Counters.ConnectionsClosed++;
            return true;
        }
        ref var connection = ref _connections[slot];
        // A pure ACK changes nothing in its direction: no stream for it.
        if (payload.IsEmpty && (flags & (Syn | Fin)) == 0) return true;
        ref int streamSlot = ref fromLow ? ref connection.FromLow : ref connection.FromHigh;
        if (streamSlot == 0) streamSlot = _streams.Take() + 1;
        int id = streamSlot - 1;
        ref var stream = ref _streams[id];
        uint sequence = frame.TcpSequence;
        if ((flags & Syn) != 0)
        {
            stream.OnSyn(_context, id, sequence);
            sequence = unchecked(sequence + 1);
        }
        bool inWindow = payload.IsEmpty || IsEncrypted(ref connection, frame, payload) || stream.OnPayload(_context, id, sequence, payload, meta, sink);
        if ((flags & Fin) != 0) stream.OnFin(unchecked(sequence + (uint)payload.Length));
        if (IsFinished(connection.FromLow) && IsFinished(connection.FromHigh))
        {
            Remove(slot);
            Counters.ConnectionsClosed++;
        }
        return inWindow;
    }

    /// <summary>End of the capture: every connection is released (unfinished messages are counted).</summary>
    public void Complete()
    {
        // Every connection goes at once: closing each is all that counts, and taking them out of the index one by
        // one cost as much as opening them.
        for (int slot = _oldest; slot != None; slot = _connections[slot].Newer)
        {
            ref var connection = ref _connections[slot];
            if (connection.FromLow != 0) _streams[connection.FromLow - 1].Close(_context, connection.FromLow - 1);
            if (connection.FromHigh != 0) _streams[connection.FromHigh - 1].Close(_context, connection.FromHigh - 1);
        }
        _budget.Connections -= _connections.Count;
        _connections.Clear();
        _streams.Clear();
        _oldest = None;
        _newest = None;
    }

    /// <summary>
    /// TLS, told by its first bytes (a TLS record header: content type 20–23, version 3.x), or port 5061
    /// unless the bytes are a SIP start line. Counted once per connection, then ignored.
    /// </summary>
    private bool IsEncrypted(ref TcpConnection connection, in DecodedFrame frame, ReadOnlySpan<byte> payload)
    {
        if (connection.Classified) return connection.IsEncrypted;
        connection.Classified = true;
        bool tlsRecord = payload.Length >= 3 && payload[0] is >= 0x14 and <= 0x17 && payload[1] == 0x03 && payload[2] <= 0x04;
        bool sipsPort = frame.SourcePort == SipTlsPort || frame.DestinationPort == SipTlsPort;
        connection.IsEncrypted = tlsRecord || sipsPort && SipDetector.Classify(payload) == SipStartLineKind.NotSip;
        if (!connection.IsEncrypted) return false;
        Counters.TlsConnections++;
        // HTTPS is TLS too; only TLS that can be SIP counts as encrypted SIP.
        if (frame.SourcePort != HttpsPort && frame.DestinationPort != HttpsPort) Counters.EncryptedSipConnections++;
        if (sipsPort) Counters.SipTlsPortConnections++;
        return true;
    }

    private int Open(in TcpConnectionKey key, int hash)
    {
        // The limit holds for all capture points together; a point evicts from its own table only.
        if (_budget.Connections >= _limits.MaxConnections && _oldest != None)
        {
            Remove(_oldest);
            Counters.ConnectionsEvicted++;
        }
        int slot = _connections.Add(key, hash);
        _budget.Connections++;
        Counters.ConnectionsOpened++;
        return slot;
    }

    private void ExpireIdle(long nowNs)
    {
        while (_oldest != None && nowNs - _connections[_oldest].LastSeenNs > _limits.IdleTimeoutNs)
        {
            Remove(_oldest);
            Counters.ConnectionsExpired++;
        }
    }

    /// <summary>Moves the connection to the newest end of the idle list.</summary>
    private void Touch(int slot, long nowNs)
    {
        ref var connection = ref _connections[slot];
        connection.LastSeenNs = Math.Max(connection.LastSeenNs, nowNs);
        if (_newest == slot) return;
        Unlink(slot);
        connection.Older = _newest;
        if (_newest != None) _connections[_newest].Newer = slot;
        _newest = slot;
        if (_oldest == None) _oldest = slot;
    }

    private void Remove(int slot)
    {
        Unlink(slot);
        ref var connection = ref _connections[slot];
        CloseStream(connection.FromLow);
        CloseStream(connection.FromHigh);
        _connections.Remove(slot);
        _budget.Connections--;
    }

    private bool IsFinished(int streamSlot) => streamSlot != 0 && _streams[streamSlot - 1].Finished;

    /// <summary>The stream's pooled buffers go back and its slot is freed.</summary>
    private void CloseStream(int streamSlot)
    {
        if (streamSlot == 0) return;
        _streams[streamSlot - 1].Close(_context, streamSlot - 1);
        _streams.Free(streamSlot - 1);
    }

    private void Unlink(int slot)
    {
        ref var connection = ref _connections[slot];
        if (connection.Older != None) _connections[connection.Older].Newer = connection.Newer;
        if (connection.Newer != None) _connections[connection.Newer].Older = connection.Older;
        if (_oldest == slot) _oldest = connection.Newer;
        if (_newest == slot) _newest = connection.Older;
        connection.Older = None;
        connection.Newer = None;
    }
}
