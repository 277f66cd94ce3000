using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// One TCP handshake as a capture point saw it: where the SYN came in from, where the SYN-ACK went, how often
/// each was sent, and whether the client's ACK ever came back (the proof that the SYN-ACK reached it).
/// </summary>
public sealed class TcpHandshake
{
    /// <summary>At most this many frames are kept as evidence per connection.</summary>
    public const int MaxFrames = 64;

    private readonly List<FrameRef> _frames = new();
    private List<TcpControlSegment>? _controls;
    private bool _clientFin, _serverFin;

    public required TcpConnectionKey Key { get; init; }
    public required SegmentKey Segment { get; init; }
    public uint ClientIsn { get; internal set; }
    public uint ServerIsn { get; internal set; }

    public int SynCount { get; internal set; }
    public FrameRef FirstSyn { get; internal set; }
    public long FirstSynNs { get; internal set; }
    /// <summary>Ethernet source of the first SYN: the next hop the client's traffic came in from.</summary>
    public MacAddress SynSourceMac { get; internal set; }
    public byte SynTtl { get; internal set; }
    /// <summary>SYNs sent again after a SYN-ACK had gone out: the client never got it.</summary>
    public int SynsAfterSynAck { get; internal set; }

    public int SynAckCount { get; internal set; }
    public FrameRef FirstSynAck { get; internal set; }
    public long FirstSynAckNs { get; internal set; }
    /// <summary>Ethernet destination of the first SYN-ACK: the next hop the server chose for its answer.</summary>
    public MacAddress SynAckDestinationMac { get; internal set; }
    /// <summary>True when later SYN-ACKs went to another MAC than the first one.</summary>
    public bool SynAckMacChanged { get; internal set; }

    public bool Completed { get; internal set; }
    public FrameRef CompletedFrame { get; internal set; }
    public bool Reset { get; internal set; }
    public FrameRef ResetFrame { get; internal set; }
    /// <summary>The (first) reset came from the server: before a SYN-ACK, it refused the connection.</summary>
    public bool ResetByServer { get; internal set; }
    /// <summary>
    /// Earlier connections between the same two ports that the server refused the same way: a phone that retries from
    /// its fixed SIP port reuses the pair, and each new connection takes the old one's place.
    /// </summary>
    public int RefusedBefore { get; internal set; }
    /// <summary>When the first of those refused connections began (its SYN); this connection's own SYN when none.</summary>
    public long FirstAttemptNs { get; internal set; }
    /// <summary>True when SIP was seen on this connection (or it uses a SIP port).</summary>
    public bool CarriedSip { get; internal set; }

    public int SynRetransmissions => Math.Max(0, SynCount - 1);
    public int SynAckRetransmissions => Math.Max(0, SynAckCount - 1);
    /// <summary>True when the SYN-ACK left toward another MAC than the SYN came from.</summary>
    public bool Asymmetric => SynAckCount > 0 && PathAnalyzer.Comparable(SynSourceMac) && PathAnalyzer.Comparable(SynAckDestinationMac)
                              && !PathAnalyzer.IsVirtualRouterMac(SynSourceMac) && !PathAnalyzer.IsVirtualRouterMac(SynAckDestinationMac)
                              && SynAckDestinationMac != SynSourceMac;

    public IReadOnlyList<FrameRef> Frames => _frames;

    /// <summary>
    /// Every SYN and SYN-ACK, the handshake's ACK, the first FIN each way and the first RST, in capture order, at
    /// most <see cref="MaxFrames"/>: what a ladder draws of the connection.
    /// </summary>
    public IReadOnlyList<TcpControlSegment> ControlSegments => (IReadOnlyList<TcpControlSegment>?)_controls ?? [];

    internal void AddControl(TcpSegmentKind kind, Packets.FrameRef frame, long timestampNs, bool fromClient)
    {
        if ((_controls ??= new List<TcpControlSegment>(4)).Count < MaxFrames) _controls.Add(new TcpControlSegment(kind, frame, timestampNs, fromClient));
    }

    /// <summary>Notes the first FIN of each side (later ones are retransmissions of it).</summary>
    internal void OnFin(Packets.FrameRef frame, long timestampNs, bool fromClient)
    {
        ref bool seen = ref fromClient ? ref _clientFin : ref _serverFin;
        if (seen) return;
        seen = true;
        AddControl(TcpSegmentKind.Fin, frame, timestampNs, fromClient);
    }

    /// <summary>Data segments kept per connection (a ring: the latest ones), to tell whether one was acknowledged.</summary>
    public const int MaxSegments = 128;

    // The ring grows from a few entries to MaxSegments, so that the many connections of one or two segments each
    // (a scan over TCP) stay small. Its keys — the direction and the segment's end — sit in an array of their own:
    // every data segment looks for a copy of itself among them, and a vectorized search of one array of longs is
    // a fraction of a loop over the whole records.
    private ulong[]? _segmentKeys;
    private DataSegment[]? _segments;
    private int _segmentCount;
    // The lowest and highest segment end each direction has added (over the connection's life, so a superset of
    // what the ring holds): a segment past them — the next one of a stream in order — cannot be a copy, and skips
    // the search.
    private EndRange _clientEnds, _serverEnds;

    private struct EndRange
    {
        private uint _low, _high;
        private bool _any;

        public readonly bool MayHold(uint end) => _any && end >= _low && end <= _high;

        public void Add(uint end)
        {
            if (!_any) (_low, _high, _any) = (end, end, true);
            else if (end < _low) _low = end;
            else if (end > _high) _high = end;
        }
    }

    /// <summary>Highest acknowledgment number the client / the server sent (valid when the Has flag is set).</summary>
    public uint ClientMaxAck { get; private set; }
    public uint ServerMaxAck { get; private set; }
    public bool ClientAcked { get; private set; }
    public bool ServerAcked { get; private set; }
    /// <summary>Data segments sent again (TCP retransmissions), both directions.</summary>
    public int DataRetransmissions { get; private set; }

    internal void OnAck(bool fromClient, uint ack)
    {
        if (fromClient)
        {
            if (!ClientAcked || (int)(ack - ClientMaxAck) > 0) ClientMaxAck = ack;
            ClientAcked = true;
        }
        else
        {
            if (!ServerAcked || (int)(ack - ServerMaxAck) > 0) ServerMaxAck = ack;
            ServerAcked = true;
        }
    }

    internal void OnData(bool fromClient, long frame, uint sequenceEnd)
    {
        ulong key = SegmentKey(fromClient, sequenceEnd);
        ref var ends = ref fromClient ? ref _clientEnds : ref _serverEnds;
        if (ends.MayHold(sequenceEnd))
        {
            int count = Math.Min(_segmentCount, MaxSegments);
            // Keys are unique in the ring (a copy is counted, never added), so the first match is the one.
            int found = _segmentKeys.AsSpan(0, count).IndexOf(key);
            if (found >= 0)
            {
                _segments![found].Copies++;
                DataRetransmissions++;
                return;
            }
        }
        if (_segmentCount < MaxSegments && (_segmentKeys is null || _segmentCount == _segmentKeys.Length))
        {
            int capacity = _segmentKeys is null ? 4 : Math.Min(MaxSegments, _segmentKeys.Length * 2);
            Array.Resize(ref _segmentKeys, capacity);
            Array.Resize(ref _segments, capacity);
        }
        // Until the ring is full _segmentCount is below its length, so the slot is the one a full-size ring would use.
        int slot = _segmentCount % MaxSegments;
        _segmentKeys![slot] = key;
        _segments![slot] = new DataSegment { Frame = frame, Copies = 1 };
        _segmentCount++;
        ends.Add(sequenceEnd);
    }

    // The direction in the high half: a segment of one side never counts as a copy of the other's.
    private static ulong SegmentKey(bool fromClient, uint sequenceEnd) => ((fromClient ? 1UL : 2UL) << 32) | sequenceEnd;

    /// <summary>
    /// Whether the data segment of <paramref name="frame"/> (sent by the client when <paramref name="fromClient"/>)
    /// was acknowledged by the other end, and how often it was sent. False when the segment is not known.
    /// </summary>
    public bool TryGetSegment(long frame, bool fromClient, out bool acknowledged, out int copies)
    {
        acknowledged = false;
        copies = 0;
        int count = Math.Min(_segmentCount, MaxSegments);
        for (int i = 0; i < count; i++)
        {
            var s = _segments![i];
            ulong key = _segmentKeys![i];
            if (s.Frame != frame || key != SegmentKey(fromClient, (uint)key)) continue;
            uint sequenceEnd = (uint)key;
            copies = s.Copies;
            acknowledged = fromClient
                ? ServerAcked && (int)(ServerMaxAck - sequenceEnd) >= 0
                : ClientAcked && (int)(ClientMaxAck - sequenceEnd) >= 0;
            return true;
        }
        return false;
    }

    private struct DataSegment
    {
        public long Frame;
        public int Copies;
    }

    internal void AddFrame(FrameRef frame)
    {
        if (_frames.Count < MaxFrames) _frames.Add(frame);
    }
}
