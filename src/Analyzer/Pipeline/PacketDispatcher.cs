using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// The per-packet hot path: decodes each frame in place and hands it to the engines that care. One
/// instance per analysis; it holds the reusable decode state so nothing is allocated per packet.
/// </summary>
internal sealed class PacketDispatcher : IPacketSink
{
    private readonly AnalysisResult _result;
    private CaptureResult _capture = null!;
    private DecodedFrame _frame;

    public PacketDispatcher(AnalysisResult result) => _result = result;

    /// <summary>Points the counters at the file about to be read.</summary>
    public void BeginCapture(CaptureResult capture) => _capture = capture;

    public void OnInterface(CaptureInterface captureInterface)
    {
    }

    public void OnPacket(in CapturedPacket packet)
    {
        FrameDecoder.Decode(packet.LinkType, packet.Data, ref _frame);
        _capture.Protocols.Count(_frame);
        if ((_frame.Layers & (FrameLayers.Truncated | FrameLayers.Malformed)) != 0)
            CountDecodeAnomaly(packet);
    }

    private void CountDecodeAnomaly(in CapturedPacket packet)
    {
        var kind = _frame.Has(FrameLayers.Malformed) ? "malformed-header" : "truncated-header";
        _result.Anomalies.Add(kind, packet.CaptureIndex, packet.FrameNumber);
    }
}
