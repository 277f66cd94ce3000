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
    public long LastTimestampNs(int capture) => capture >= 0 && capture < _lastTimestampNs.Length ? _lastTimestampNs[capture] : 0;

    public void Observe(int capture, int interfaceId, long frameNumber, long timestampNs, in DecodedFrame frame)
    {
        if (capture >= _lastTimestampNs.Length && capture >= 0) Array.Resize(ref _lastTimestampNs, capture + 1);
        if (capture >= 0 && timestampNs > _lastTimestampNs[capture]) _lastTimestampNs[capture] = timestampNs;
        Neighbors.Observe(capture, interfaceId, frameNumber, in frame);
        if ((frame.Layers & (FrameLayers.Icmp | FrameLayers.Icmpv6)) != 0)
            Icmp.Observe(capture, interfaceId, frameNumber, timestampNs, in frame);
        else if (frame.Has(FrameLayers.Tcp))
            Handshakes.Observe(capture, interfaceId, frameNumber, timestampNs, in frame);
    }
}
