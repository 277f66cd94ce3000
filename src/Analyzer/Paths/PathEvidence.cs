using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// What the path analysis learns per packet, whatever the packet carries: the L2 neighbourhood, ICMP errors
/// and TCP handshakes toward SIP ports. The pipeline calls <c>Observe</c> once for every decoded frame (with the
/// flow's <see cref="RecordedLink"/> when it has a flow); the path analyzer reads the result when the SIP engine is done.
/// </summary>
public sealed class PathEvidence
{
    public NeighborTable Neighbors { get; }
    public IcmpEvidence Icmp { get; }
    public TcpHandshakeTracker Handshakes { get; }
    /// <summary>ARP requests and neighbour solicitations, and whether their targets ever answered.</summary>
    public NeighborLookups Lookups { get; } = new();

    /// <summary>
    /// The server's unanswered ARP requests for the client on this link, when the client's traffic came in through a
    /// router (<paramref name="cameThrough"/>, not the client itself): the server takes the client for a neighbour.
    /// </summary>
    public NeighborLookups.Lookup? ServerLookedForClient(SegmentKey segment, NextHop? cameThrough, NetAddress server, NetAddress client) =>
        cameThrough is { IsRouter: true } && !cameThrough.Addresses.Contains(client) ? Lookups.Unanswered(segment, server, client) : null;

    public PathEvidence(NeighborTable? neighbors = null, IcmpEvidence? icmp = null, TcpHandshakeTracker? handshakes = null)
    {
        Neighbors = neighbors ?? new NeighborTable();
        Icmp = icmp ?? new IcmpEvidence();
        Handshakes = handshakes ?? new TcpHandshakeTracker();
    }

    private long[] _lastTimestampNs = new long[1];

    /// <summary>The last packet time of a capture (0 when none): how long it went on after a message.</summary>
    public long LastTimestampNs(int capture)
    {
        capture = Canonical(capture);
        return capture >= 0 && capture < _lastTimestampNs.Length ? _lastTimestampNs[capture] : 0;
    }

    private int[] _continues = [];

    /// <summary>
    /// Declares that input <paramref name="capture"/> continues input <paramref name="earlierCapture"/> (the files
    /// of one ring-buffer set, one capture point): their links are the same segments, so what was learnt in one
    /// file (ARP, routers, handshakes) still holds in the next.
    /// </summary>
    public void Continue(int capture, int earlierCapture)
    {
        if (capture < 0 || capture == earlierCapture) return;
        if (capture >= _continues.Length)
        {
            int old = _continues.Length;
            Array.Resize(ref _continues, capture + 1);
            Array.Fill(_continues, -1, old, _continues.Length - old);
        }
        _continues[capture] = Canonical(earlierCapture);
    }

    /// <summary>The input whose segments <paramref name="capture"/>'s packets belong to (itself unless continued).</summary>
    public int Canonical(int capture) =>
        (uint)capture < (uint)_continues.Length && _continues[capture] >= 0 ? _continues[capture] : capture;

    /// <summary>The link a packet was seen on: input (canonical), interface and VLAN.</summary>
    public SegmentKey SegmentOf(in PacketMeta meta) => new(Canonical(meta.Capture), meta.InterfaceId, meta.Vlan);

    public void Observe(int capture, int interfaceId, long frameNumber, long timestampNs, in DecodedFrame frame)
    {
        int segment = NoteTime(capture, timestampNs);
        Neighbors.Observe(segment, interfaceId, frameNumber, in frame);
        ObserveTransport(capture, interfaceId, frameNumber, timestampNs, in frame, segment);
    }

    /// <summary>
    /// The same for a frame of a known flow: the neighbour table is consulted only when the frame's link facts
    /// differ from <paramref name="link"/>, what the flow's earlier packets left fully recorded there (updated here).
    /// </summary>
    public void Observe(int capture, int interfaceId, long frameNumber, long timestampNs, in DecodedFrame frame, ref RecordedLink link)
    {
        int segment = NoteTime(capture, timestampNs);
        var key = new SegmentKey(segment, interfaceId, frame.OuterVlan);
        if (!link.Matches(key, in frame))
        {
            // What did not fit under the table's caps is counted per frame, so such a frame is never skipped.
            long dropped = Neighbors.DroppedObservations;
            Neighbors.Observe(key, frameNumber, in frame);
            link = Neighbors.DroppedObservations == dropped ? RecordedLink.Of(key, in frame) : default;
        }
        ObserveTransport(capture, interfaceId, frameNumber, timestampNs, in frame, segment);
    }

    private int NoteTime(int capture, long timestampNs)
    {
        int segment = Canonical(capture);
        if (segment >= _lastTimestampNs.Length && segment >= 0) Array.Resize(ref _lastTimestampNs, segment + 1);
        if (segment >= 0 && timestampNs > _lastTimestampNs[segment]) _lastTimestampNs[segment] = timestampNs;
        return segment;
    }

    private void ObserveTransport(int capture, int interfaceId, long frameNumber, long timestampNs, in DecodedFrame frame, int segment)
    {
        if ((frame.Layers & (FrameLayers.Arp | FrameLayers.NeighborDiscovery)) != 0)
            Lookups.Observe(new SegmentKey(segment, interfaceId, frame.OuterVlan), new FrameRef(capture, frameNumber), timestampNs, in frame);
        if ((frame.Layers & (FrameLayers.Icmp | FrameLayers.Icmpv6)) != 0)
            Icmp.Observe(capture, interfaceId, frameNumber, timestampNs, in frame, segment);
        else if (frame.Has(FrameLayers.Tcp))
            Handshakes.Observe(capture, interfaceId, frameNumber, timestampNs, in frame, segment);
    }
}
