using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Selection;

/// <summary>
/// Applies a <see cref="PacketSelection"/> to each packet on the hot path: the capture filter and the time window
/// on the bytes as read, the call or client once the frame is decoded. Nothing here allocates per packet.
/// </summary>
internal sealed class PacketGate : IDisposable
{
    private readonly PacketSelection _selection;
    private readonly BpfFilter? _bpf;
    private readonly SelectedTraffic? _traffic;
    private long _captureStartNs;
    private bool _started;
    private long _fromNs;
    private long _toNs;
    private int _capture;
    private FrameBitSet _kept = new();

    public PacketGate(PacketSelection selection, SelectedTraffic? traffic)
    {
        _selection = selection;
        _traffic = traffic;
        if (selection.Filter is not null) _bpf = new BpfFilter(selection.Filter);
    }

    /// <summary>The call or client is checked on the decoded frame (<see cref="KeepsDecoded"/>).</summary>
    public bool ChecksDecoded => _traffic is not null || _selection.Client is not null;

    /// <summary>A new capture file: relative times count from its first packet; <paramref name="kept"/> records its kept frames.</summary>
    public void BeginCapture(int capture, FrameBitSet kept)
    {
        _capture = capture;
        _kept = kept;
        _started = false;
    }

    public void OnInterface(int linkType) => _bpf?.Prepare(linkType);

    public bool KeepsRaw(in CapturedPacket packet)
    {
        if (!_started)
        {
            _started = true;
            _captureStartNs = packet.TimestampNs;
            _fromNs = _selection.From is { } from ? from.At(_captureStartNs) : long.MinValue;
            _toNs = _selection.To is { } to ? to.At(_captureStartNs) : long.MaxValue;
        }
        if (packet.TimestampNs < _fromNs || packet.TimestampNs >= _toNs) return false;
        return _bpf is null || _bpf.Matches(packet);
    }

    public bool KeepsDecoded(in CapturedPacket packet, in DecodedFrame frame) =>
        (_selection.Client is { } client && client.Matches(frame))
        || (_traffic is not null && _traffic.Contains(_capture, frame, packet.FrameNumber))
        || (_selection.CallId is { } callId && IsSipOf(callId, packet.Data, frame));

    // SIP over UDP is matched by its own Call-ID too: the first pass keeps a bounded history of each transaction and
    // dialog, so a call with many retransmissions or re-INVITEs would lose messages if only their frames counted.
    // Only datagrams that look like SIP are parsed (a SIP message is allowed its strings on the hot path).
    private static bool IsSipOf(string callId, ReadOnlySpan<byte> data, in DecodedFrame frame)
    {
        if ((frame.Layers & (FrameLayers.Udp | FrameLayers.Fragment)) != FrameLayers.Udp
            || (uint)frame.PayloadOffset > (uint)data.Length || frame.PayloadLength > data.Length - frame.PayloadOffset)
            return false;
        var payload = data.Slice(frame.PayloadOffset, frame.PayloadLength);
        return SipDetector.LooksLikeSip(payload) && SipParser.TryParse(payload, null, out var message)
            && string.Equals(message?.CallId, callId, StringComparison.Ordinal);
    }

    /// <summary>The packet passed every check: the annotated copy keeps it.</summary>
    public void Kept(long frame) => _kept.Add(frame);

    public void Dispose() => _bpf?.Dispose();
}
