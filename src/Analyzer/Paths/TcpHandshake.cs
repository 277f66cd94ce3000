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

    private DataSegment[]? _segments;
    private int _segmentCount;

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
        _segments ??= new DataSegment[MaxSegments];
        int count = Math.Min(_segmentCount, MaxSegments);
        for (int i = 0; i < count; i++)
        {
            ref var s = ref _segments[i];
            if (s.FromClient == fromClient && s.SequenceEnd == sequenceEnd)
            {
                s.Copies++;
                DataRetransmissions++;
                return;
            }
        }
        _segments[_segmentCount % MaxSegments] = new DataSegment { Frame = frame, SequenceEnd = sequenceEnd, FromClient = fromClient, Copies = 1 };
        _segmentCount++;
    }

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
            if (s.Frame != frame || s.FromClient != fromClient) continue;
            copies = s.Copies;
            acknowledged = fromClient
                ? ServerAcked && (int)(ServerMaxAck - s.SequenceEnd) >= 0
                : ClientAcked && (int)(ClientMaxAck - s.SequenceEnd) >= 0;
            return true;
        }
        return false;
    }

    private struct DataSegment
    {
        public long Frame;
        public uint SequenceEnd;
        public bool FromClient;
        public int Copies;
    }

    internal void AddFrame(FrameRef frame)
    {
        if (_frames.Count < MaxFrames) _frames.Add(frame);
    }
}
