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
    /// <summary>True when SIP was seen on this connection (or it uses a SIP port).</summary>
    public bool CarriedSip { get; internal set; }

    public int SynRetransmissions => Math.Max(0, SynCount - 1);
    public int SynAckRetransmissions => Math.Max(0, SynAckCount - 1);
    /// <summary>True when the SYN-ACK left toward another MAC than the SYN came from.</summary>
    public bool Asymmetric => SynAckCount > 0 && !SynSourceMac.IsNone && SynAckDestinationMac != SynSourceMac;

    public IReadOnlyList<FrameRef> Frames => _frames;

    internal void AddFrame(FrameRef frame)
    {
        if (_frames.Count < MaxFrames) _frames.Add(frame);
    }
}
