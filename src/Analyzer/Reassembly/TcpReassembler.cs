using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// TCP stream reassembly for SIP: per connection and direction, payload bytes in order and once, framed
/// into SIP messages. A connection is tracked per capture point (capture file and interface). Connections are found by content, on any port; TLS connections are counted and
/// skipped. State is bounded: idle connections expire by capture time, the table has a size limit with the
/// least recently active connection evicted, every stream buffer is capped and pooled, and all buffers together stay within a
/// <see cref="TcpBufferBudget"/>.
/// </summary>
public sealed class TcpReassembler
{
    private const byte Fin = 0x01, Syn = 0x02, Rst = 0x04;
    private const ushort SipTlsPort = 5061;
    private const ushort HttpsPort = 443;

    private readonly TcpReassemblyLimits _limits;
    private readonly TcpBufferBudget _budget;
    private readonly Dictionary<TcpConnectionKey, TcpConnection> _connections = new();
    private TcpConnection? _oldest;
    private TcpConnection? _newest;

    /// <param name="budget">Shared by the reassemblers of every capture point of an analysis; a new one (32 MiB) when null.</param>
    public TcpReassembler(TcpReassemblyLimits? limits = null, TcpBufferBudget? budget = null)
    {
        _limits = limits ?? new TcpReassemblyLimits();
        _budget = budget ?? new TcpBufferBudget();
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
        if (!_connections.TryGetValue(key, out var connection))
        {
            // A FIN, RST or bare ACK of a connection we do not track opens nothing.
            if ((flags & Rst) != 0 || (payload.IsEmpty && (flags & Syn) == 0)) return true;
            connection = Open(key);
        }
        Touch(connection, meta.TimestampNs);
        if ((flags & Rst) != 0)
        {
            Remove(connection);
            Counters.ConnectionsClosed++;
            return true;
        }
        var stream = fromLow ? connection.FromLow : connection.FromHigh;
        uint sequence = frame.TcpSequence;
        if ((flags & Syn) != 0)
        {
            stream.OnSyn(sequence);
            sequence = unchecked(sequence + 1);
        }
        bool inWindow = payload.IsEmpty || IsEncrypted(connection, frame, payload) || stream.OnPayload(sequence, payload, meta, sink);
        if ((flags & Fin) != 0) stream.OnFin(unchecked(sequence + (uint)payload.Length));
        if (connection.FromLow.Finished && connection.FromHigh.Finished)
        {
            Remove(connection);
            Counters.ConnectionsClosed++;
        }
        return inWindow;
    }

    /// <summary>End of the capture: every connection is released (unfinished messages are counted).</summary>
    public void Complete()
    {
        while (_oldest is not null) Remove(_oldest);
    }

    /// <summary>
    /// TLS, told by its first bytes (a TLS record header: content type 20–23, version 3.x), or port 5061
    /// unless the bytes are a SIP start line. Counted once per connection, then ignored.
    /// </summary>
    private bool IsEncrypted(TcpConnection connection, in DecodedFrame frame, ReadOnlySpan<byte> payload)
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
        return true;
    }

    private TcpConnection Open(TcpConnectionKey key)
    {
        // The limit holds for all capture points together; a point evicts from its own table only.
        if (_budget.Connections >= _limits.MaxConnections && _oldest is not null)
        {
            Remove(_oldest);
            Counters.ConnectionsEvicted++;
        }
        var connection = new TcpConnection(key, _limits, Counters, _budget);
        _connections.Add(key, connection);
        _budget.Connections++;
        Counters.ConnectionsOpened++;
        return connection;
    }

    private void ExpireIdle(long nowNs)
    {
        while (_oldest is not null && nowNs - _oldest.LastSeenNs > _limits.IdleTimeoutNs)
        {
            Remove(_oldest);
            Counters.ConnectionsExpired++;
        }
    }

    /// <summary>Moves the connection to the newest end of the idle list.</summary>
    private void Touch(TcpConnection connection, long nowNs)
    {
        connection.LastSeenNs = Math.Max(connection.LastSeenNs, nowNs);
        if (_newest == connection) return;
        Unlink(connection);
        connection.Older = _newest;
        if (_newest is not null) _newest.Newer = connection;
        _newest = connection;
        _oldest ??= connection;
    }

    private void Remove(TcpConnection connection)
    {
        Unlink(connection);
        if (_connections.Remove(connection.Key)) _budget.Connections--;
        connection.Close();
    }

    private void Unlink(TcpConnection connection)
    {
        if (connection.Older is not null) connection.Older.Newer = connection.Newer;
        if (connection.Newer is not null) connection.Newer.Older = connection.Older;
        if (_oldest == connection) _oldest = connection.Newer;
        if (_newest == connection) _newest = connection.Older;
        connection.Older = null;
        connection.Newer = null;
    }
}
