using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// Follows TCP handshakes toward SIP servers (ports 5060 and 5061, and any port SIP was seen on) — a TLS
/// softphone whose SYN-ACK goes to the wrong gateway shows nothing but this. A dictionary lookup per TCP
/// segment on a SIP port; an object per connection; capped, with a count of connections not followed.
/// </summary>
public sealed class TcpHandshakeTracker
{
    private const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Ack = 0x10;

    // Per capture point (canonical input, interface): a router capturing both legs, or several points on the way,
    // each see the handshake; counting one point's SYNs into another's would tell the client retried more than it did.
    private readonly Dictionary<(int Capture, int InterfaceId, TcpConnectionKey Key), TcpHandshake> _connections = new();
    private readonly HashSet<ushort> _sipPorts = [];
    // The same ports as bits: two of them are tested for every TCP segment.
    private readonly ulong[] _isSipPort = new ulong[65536 / 64];
    private readonly int _maxConnections;

    // The last connection found for each direction of a segment, with the key it was found by. A connection's
    // segments come in runs (a message in many segments, its acknowledgments), and a hit here costs one comparison
    // of the key instead of hashing it for one or two lookups. Any change to the table empties both, so a hit is
    // always the answer the table would give.
    private LastFound _lastFromClient, _lastFromServer;

    private struct LastFound
    {
        public TcpHandshake? Connection;
        public int Point, InterfaceId;
        public TcpConnectionKey Forward;

        public readonly bool Matches(int point, int interfaceId, in TcpConnectionKey forward)
            => Connection is not null && Point == point && InterfaceId == interfaceId && Forward.Equals(forward);
    }

    public TcpHandshakeTracker(int maxConnections = 100_000)
    {
        _maxConnections = maxConnections;
        AddSipPort(5060);
        AddSipPort(5061);
    }

    public IReadOnlyCollection<TcpHandshake> Connections => _connections.Values;
    /// <summary>Handshakes not followed because the cap was reached.</summary>
    public long Dropped { get; private set; }
    public IReadOnlyCollection<ushort> SipPorts => _sipPorts;

    /// <summary>Follows connections to <paramref name="port"/> from now on (SIP was found there by content).</summary>
    public void AddSipPort(ushort port)
    {
        _sipPorts.Add(port);
        _isSipPort[port >> 6] |= 1UL << (port & 63);
    }

    private bool IsSipPort(ushort port) => (_isSipPort[port >> 6] & (1UL << (port & 63))) != 0;

    /// <summary>Marks a connection as carrying SIP, in either orientation.</summary>
    public void MarkSip(int capture, int interfaceId, NetAddress a, ushort aPort, NetAddress b, ushort bPort)
    {
        if (_connections.TryGetValue((capture, interfaceId, new TcpConnectionKey(a, aPort, b, bPort)), out var c)
            || _connections.TryGetValue((capture, interfaceId, new TcpConnectionKey(b, bPort, a, aPort)), out c))
            c.CarriedSip = true;
    }

    /// <param name="capture">The canonical input of the point (the first file of a ring-buffer set).</param>
    public TcpHandshake? Find(int capture, int interfaceId, TcpConnectionKey key) => _connections.GetValueOrDefault((capture, interfaceId, key));

    /// <param name="segmentCapture">The input whose links the frame's link belongs to (a continued ring-buffer file names the first); -1 = <paramref name="capture"/>.</param>
    public void Observe(int capture, int interfaceId, long frameNumber, long timestampNs, in DecodedFrame frame, int segmentCapture = -1)
    {
        if (!frame.Has(FrameLayers.Tcp) || (frame.Has(FrameLayers.Fragment) && frame.FragmentOffset != 0)) return;
        byte flags = frame.TcpFlags;
        var frameRef = new Packets.FrameRef(capture, frameNumber);
        int point = segmentCapture < 0 ? capture : segmentCapture;
        if ((flags & (Syn | Ack)) == Syn)
        {
            if (!IsSipPort(frame.DestinationPort)) return;
            OnSyn(new TcpConnectionKey(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort),
                  new SegmentKey(segmentCapture < 0 ? capture : segmentCapture, interfaceId, frame.OuterVlan), frameRef, timestampNs, in frame);
            return;
        }
        // Only a followed connection has more to learn; a flood of connections that never sent a SYN here (or
        // began before the capture) then costs nothing more per segment.
        if (_connections.Count == 0) return;
        if (!IsSipPort(frame.SourcePort) && !IsSipPort(frame.DestinationPort)) return;
        var reverse = new TcpConnectionKey(frame.DestinationIp, frame.DestinationPort, frame.SourceIp, frame.SourcePort);
        if ((flags & (Syn | Ack)) == (Syn | Ack))
        {
            if (_connections.TryGetValue((point, interfaceId, reverse), out var c)) OnSynAck(c, frameRef, timestampNs, in frame);
            return;
        }
        var forward = new TcpConnectionKey(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort);
        TcpHandshake? conn;
        bool fromClient;
        if (_lastFromClient.Matches(point, interfaceId, forward)) (conn, fromClient) = (_lastFromClient.Connection, true);
        else if (_lastFromServer.Matches(point, interfaceId, forward)) (conn, fromClient) = (_lastFromServer.Connection, false);
        else
        {
            fromClient = _connections.TryGetValue((point, interfaceId, forward), out conn);
            if (!fromClient && !_connections.TryGetValue((point, interfaceId, reverse), out conn)) return;
            ref var last = ref fromClient ? ref _lastFromClient : ref _lastFromServer;
            last = new LastFound { Connection = conn, Point = point, InterfaceId = interfaceId, Forward = forward };
        }
        if ((flags & Rst) != 0 && !conn!.Reset)
        {
            conn.Reset = true;
            conn.ResetFrame = frameRef;
            conn.ResetByServer = !fromClient;
            conn.AddFrame(frameRef);
            conn.AddControl(TcpSegmentKind.Reset, frameRef, timestampNs, fromClient);
            return;
        }
        // The client's first ACK of the server's ISN proves the SYN-ACK reached it.
        if (fromClient && (flags & Ack) != 0 && conn!.SynAckCount > 0 && !conn.Completed
            && frame.TcpAcknowledgment == conn.ServerIsn + 1)
        {
            conn.Completed = true;
            conn.CompletedFrame = frameRef;
            conn.AddFrame(frameRef);
            conn.AddControl(TcpSegmentKind.Ack, frameRef, timestampNs, fromClient: true);
        }
        if ((flags & Fin) != 0) conn!.OnFin(frameRef, timestampNs, fromClient);
        // Past the handshake, acknowledgments tell whether a segment carrying a SIP response arrived.
        if ((flags & Ack) != 0) conn!.OnAck(fromClient, frame.TcpAcknowledgment);
        if (frame.PayloadLength > 0) conn!.OnData(fromClient, frameNumber, frame.TcpSequence + (uint)frame.PayloadLength);
    }

    /// <summary>The connection a packet of <paramref name="meta"/> belongs to, and whether the client sent it.</summary>
    /// <param name="capture">The canonical input of the packet's point.</param>
    public TcpHandshake? FindFor(int capture, in Packets.PacketMeta meta, out bool fromClient)
    {
        fromClient = true;
        if (_connections.TryGetValue((capture, meta.InterfaceId, new TcpConnectionKey(meta.SourceIp, meta.SourcePort, meta.DestinationIp, meta.DestinationPort)), out var c))
            return c;
        fromClient = false;
        return _connections.GetValueOrDefault((capture, meta.InterfaceId, new TcpConnectionKey(meta.DestinationIp, meta.DestinationPort, meta.SourceIp, meta.SourcePort)));
    }

    private void OnSyn(TcpConnectionKey key, SegmentKey segment, Packets.FrameRef frameRef, long timestampNs, in DecodedFrame frame)
    {
        var at = (segment.Capture, segment.InterfaceId, key);
        TcpHandshake? refused = null;
        if (_connections.TryGetValue(at, out var c) && c.ClientIsn != frame.TcpSequence && (c.Completed || c.Reset))
        {
            _connections.Remove(at); // the port was reused for a new connection
            ForgetLastFound();
            if (c.ResetByServer && c.SynAckCount == 0) refused = c; // a retry of a refused connection: counted on
            c = null;
        }
        if (c is null)
        {
            if (_connections.Count >= _maxConnections) { Dropped++; return; }
            c = new TcpHandshake { Key = key, Segment = segment, CarriedSip = true };
            c.ClientIsn = frame.TcpSequence;
            c.FirstSyn = frameRef;
            c.FirstSynNs = timestampNs;
            c.SynSourceMac = frame.SourceMac;
            c.SynTtl = frame.Ttl;
            c.FirstAttemptNs = timestampNs;
            if (refused is not null)
            {
                c.RefusedBefore = refused.RefusedBefore + 1;
                c.FirstAttemptNs = refused.FirstAttemptNs;
                foreach (var earlier in refused.Frames) c.AddFrame(earlier);
                // Its SYNs and resets too: the ladder draws every attempt (as one arrow each way, counted).
                foreach (var s in refused.ControlSegments) c.AddControl(s.Kind, s.Frame, s.TimestampNs, s.FromClient);
            }
            _connections[at] = c;
            ForgetLastFound();
        }
        c.SynCount++;
        if (c.SynAckCount > 0) c.SynsAfterSynAck++;
        c.AddFrame(frameRef);
        c.AddControl(TcpSegmentKind.Syn, frameRef, timestampNs, fromClient: true);
    }

    private void ForgetLastFound() => _lastFromClient = _lastFromServer = default;

    private static void OnSynAck(TcpHandshake c, Packets.FrameRef frameRef, long timestampNs, in DecodedFrame frame)
    {
        if (c.SynAckCount == 0)
        {
            c.FirstSynAck = frameRef;
            c.FirstSynAckNs = timestampNs;
            c.SynAckDestinationMac = frame.DestinationMac;
            c.ServerIsn = frame.TcpSequence;
        }
        else if (frame.DestinationMac != c.SynAckDestinationMac)
        {
            c.SynAckMacChanged = true;
        }
        c.SynAckCount++;
        c.AddFrame(frameRef);
        c.AddControl(TcpSegmentKind.SynAck, frameRef, timestampNs, fromClient: false);
    }
}
