using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Rtp;

namespace PcapSipAnalyzer.Analyzer.Rtp;

// The flow table's side of the engine: a packet whose flow already led to an active stream is counted in it
// directly, with exactly what OnUdp would have done, and without building the stream key or looking it up.
public sealed partial class RtpEngine
{
    // Bumped whenever a stream leaves the active table: slots cached per flow before that may hold another stream.
    private int _streamEpoch;
    // The active streams' per-packet state.
    private readonly RtpStreamSlots _slots = new();

    /// <summary>Changes whenever a stream leaves the active table: stream slots cached by flow before it are stale.</summary>
    internal int StreamEpoch => _streamEpoch;

    /// <summary>
    /// Counts an RTP datagram in the active stream in <paramref name="slot"/> (see <see cref="RtpStream.Slot"/>),
    /// the stream of the datagram's flow, when it belongs there (RTP with the stream's SSRC, the stream not given
    /// away); false, having done nothing, otherwise — the caller then offers it to <see cref="OnUdp"/>.
    /// </summary>
    /// <remarks>
    /// Takes the packet's times and frame alone, and touches the stream's state alone: a packet of a known stream
    /// needs no <see cref="PacketMeta"/>, no stream object and no lookup.
    /// </remarks>
    /// <param name="arrivalNs">The packet's timestamp as captured.</param>
    /// <param name="timestampNs">The packet's time in capture order.</param>
    internal bool TryAddToSlot(int slot, long arrivalNs, long timestampNs, FrameRef frame, ReadOnlySpan<byte> payload)
    {
        ref var stream = ref _slots[slot];
        if (stream.Suspended || RtpDemultiplexer.Classify(payload) != RtpPacketKind.Rtp
            || !RtpHeader.TryParse(payload, out var header) || header.Ssrc != stream.Ssrc)
            return false;
        Update(ref stream, arrivalNs, timestampNs, frame, header);
        return true;
    }

    /// <summary>The slot of the active stream an RTP datagram belongs to (after <see cref="OnUdp"/> took it), or −1.</summary>
    internal int ActiveSlotOf(in PacketMeta meta, ReadOnlySpan<byte> payload)
    {
        if (RtpDemultiplexer.Classify(payload) != RtpPacketKind.Rtp || !RtpHeader.TryParse(payload, out var header))
            return -1;
        var key = new RtpStreamKey(_pointFirstCapture.Of(meta), meta.InterfaceId, meta.SourceIp, meta.SourcePort,
            meta.DestinationIp, meta.DestinationPort, header.Ssrc);
        return _streams.TryGetValue(key, out var stream) && !stream.Suspended ? stream.Slot : -1;
    }
}
