using PcapSipAnalyzer.Analyzer.Reassembly;
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
    /// <summary>Per capture: fragments of one file never complete a datagram of another.</summary>
    private IpReassembler _fragments = new();

    public PacketDispatcher(AnalysisResult result) => _result = result;

    /// <summary>Points the counters at the file about to be read.</summary>
    public void BeginCapture(CaptureResult capture)
    {
        _capture = capture;
        _fragments = new IpReassembler();
    }

    /// <summary>End of a file: datagrams still missing fragments are given up (counted in the stats).</summary>
    public IpReassemblyStats EndCapture()
    {
        _fragments.Flush();
        return _fragments.Stats;
    }

    public void OnInterface(CaptureInterface captureInterface)
    {
    }

    public void OnPacket(in CapturedPacket packet)
    {
        FrameDecoder.Decode(packet.LinkType, packet.Data, ref _frame);
        _capture.Protocols.Count(_frame);
        if ((_frame.Layers & (FrameLayers.Truncated | FrameLayers.Malformed)) != 0)
            CountDecodeAnomaly(packet);
        if (_frame.Has(FrameLayers.Fragment))
            Reassemble(packet);
    }

    private void Reassemble(in CapturedPacket packet)
    {
        var result = _fragments.Add(_frame, packet.Data, packet.TimestampNs, out var datagram);
        if (result == FragmentResult.Complete)
        {
            // From here _frame's offsets refer to datagram.Payload (FrameLayers.Reassembled): the SIP/RTP
            // engines take the transport payload from there.
            FrameDecoder.DecodeTransport(datagram.Protocol, datagram.Payload, ref _frame);
            _capture.Protocols.FragmentsReassembled++;
        }
        else if (result == FragmentResult.Dropped)
            _result.Anomalies.Add("ip-fragment-dropped", packet.CaptureIndex, packet.FrameNumber);
    }

    private void CountDecodeAnomaly(in CapturedPacket packet)
    {
        var kind = _frame.Has(FrameLayers.Malformed) ? "malformed-header" : "truncated-header";
        _result.Anomalies.Add(kind, packet.CaptureIndex, packet.FrameNumber);
    }
}
