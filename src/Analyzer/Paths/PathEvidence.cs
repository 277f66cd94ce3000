using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// What the path analysis learns per packet, whatever the packet carries: the L2 neighbourhood, ICMP errors
/// and TCP handshakes toward SIP ports. The pipeline calls <see cref="Observe"/> once for every decoded frame;
/// the path analyzer reads the result when the SIP engine is done.
/// </summary>
public sealed class PathEvidence
{
    public NeighborTable Neighbors { get; }
    public IcmpEvidence Icmp { get; }
    public TcpHandshakeTracker Handshakes { get; }

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
        int segment = Canonical(capture);
        if (segment >= _lastTimestampNs.Length && segment >= 0) Array.Resize(ref _lastTimestampNs, segment + 1);
        if (segment >= 0 && timestampNs > _lastTimestampNs[segment]) _lastTimestampNs[segment] = timestampNs;
        Neighbors.Observe(segment, interfaceId, frameNumber, in frame);
        if ((frame.Layers & (FrameLayers.Icmp | FrameLayers.Icmpv6)) != 0)
            Icmp.Observe(capture, interfaceId, frameNumber, timestampNs, in frame, segment);
        else if (frame.Has(FrameLayers.Tcp))
            Handshakes.Observe(capture, interfaceId, frameNumber, timestampNs, in frame, segment);
    }
}
