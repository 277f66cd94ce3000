using PcapSipAnalyzer.Analyzer.Flows;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Selection;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// The per-packet hot path, reader's side: decodes each frame in place, counts it, records the path evidence
/// every frame gives (neighbours, ICMP errors, TCP handshakes) and hands the frames that carry a transport to
/// the <see cref="TransportStage"/> (SIP, RTP, reassembly) — on the second core when pipelined. One instance per
/// analysis; it holds the reusable decode state so nothing is allocated per packet (SIP messages are the
/// exception the design allows: their fields become strings).
/// </summary>
internal sealed class PacketDispatcher : IPacketSink, IDisposable
{
    // The frames the transport stage wants: anything with a port, an ICMP quote, or a fragment to reassemble.
    private const FrameLayers ForTransport = FrameLayers.Fragment | FrameLayers.Udp | FrameLayers.Tcp | FrameLayers.IcmpQuote;

    private readonly AnalysisResult _result;
    private readonly CapturePointTable _points;
    private readonly PathEvidence _paths;
    private readonly FlowTable _flows;
    private readonly TransportStage _stage;
    private readonly TransportHandoff _handoff;
    private readonly PacketGate? _gate;
    private CaptureResult _capture = null!;
    private DecodedFrame _frame;

    /// <param name="pipelined">Run the transport stage on a thread of its own.</param>
    /// <param name="gate">The packets a selection keeps (--filter, --from/--to, --call-id, --client); null for all.</param>
    /// <param name="flowSlots">Slots of the flow table (small only to reach its turnover in tests and fuzzing).</param>
    public PacketDispatcher(AnalysisResult result, CapturePointTable points, PathEvidence paths, RtpEngine rtp, bool pipelined = false,
        PacketGate? gate = null, int flowSlots = FlowTable.DefaultCapacity)
    {
        _flows = new FlowTable(flowSlots);
        _result = result;
        _gate = gate;
        _points = points;
        _paths = paths;
        _stage = new TransportStage(result, rtp, _flows.Capacity);
        _handoff = new TransportHandoff(_stage, pipelined);
    }

    public bool Pipelined => _handoff.Threaded;

    /// <summary>Which thread parses SIP over UDP when pipelined.</summary>
    internal SipParsing SipParsing { get; init; } = SipParsing.Balanced;

    /// <summary>The engines' stage, for the hooks of a call selection (set before the first packet).</summary>
    internal TransportStage Stage => _stage;

    /// <summary>Bytes allocated by the engines' thread so far (pipelined only): for the no-allocation tests.</summary>
    internal long EngineThreadAllocatedBytes => _handoff.EngineThreadAllocatedBytes;

    /// <summary>Points the counters at the file about to be read.</summary>
    public void BeginCapture(CaptureResult capture)
    {
        _handoff.Drain();
        _capture = capture;
        if (_gate is not null) _gate.BeginCapture(capture.Index, capture.Kept ??= new FrameBitSet());
        _stage.BeginCapture(capture);
        _points.BeginCapture(capture.Input.PointName, capture.Input.InterfacePoints);
    }

    /// <summary>Waits for the transport stage to finish the packets read so far (after each file).</summary>
    public void EndCapture()
    {
        foreach (var point in _points.Points)
            if (point.Holding) ReleaseHeld(point, null);
        _handoff.Drain();
    }

    public void OnInterface(CaptureInterface captureInterface)
    {
        _gate?.OnInterface(captureInterface.LinkType);
        _points.OnInterface(captureInterface);
    }

    public void OnPacket(in CapturedPacket packet)
    {
        bool decoded = false;
        if (_gate is not null && !Selected(packet, out decoded)) return;
        var point = _points.For(packet.InterfaceId);
        if (point.Holding)
        {
            ReleaseHeld(point, packet.TimestampNs);
            decoded = false; // the held packet was decoded into _frame after this one
        }
        // A step forward of more than a second waits for the next packet to judge it (CaptureClock.OutlierNs).
        if (point.EngineClock.StepsAhead(packet.TimestampNs))
        {
            point.Held.Hold(packet);
            return;
        }
        Clocked(packet, point, decoded);
    }

    private void Clocked(in CapturedPacket packet, CapturePoint point, bool decoded)
    {
        long time = point.EngineClock.Advance(packet.TimestampNs, out long arrivalNs, out bool backwards, out bool jumped);
        if (backwards) _result.Anomalies.Add("timestamp-backwards", packet.CaptureIndex, packet.FrameNumber);
        if (jumped) _result.Anomalies.Add("timestamp-jump", packet.CaptureIndex, packet.FrameNumber);
        // The engines run on the capture's order (CaptureClock): timers and intervals never see a clock step.
        if (time != packet.TimestampNs)
            Dispatch(packet with { TimestampNs = time }, point, arrivalNs, decoded);
        else
            Dispatch(packet, point, arrivalNs, decoded);
    }

    // The held packet goes on before the one that judged it (null: the capture ended, nothing contradicts it).
    private void ReleaseHeld(CapturePoint point, long? nextNs)
    {
        var held = point.Held;
        if (nextNs is { } next && CaptureClock.IsOutlier(held.TimestampNs, next))
        {
            _result.Anomalies.Add("timestamp-outlier", held.CaptureIndex, held.FrameNumber);
            long time = point.EngineClock.Outlier;
            Dispatch(held.Release() with { TimestampNs = time }, point, time, decoded: false);
        }
        else
            Clocked(held.Release(), point, decoded: false);
    }

    // A packet the selection leaves out is as if never captured: no counter, clock or engine sees it.
    // decoded: the frame is already in _frame (a call or client selection looked at it), so Dispatch decodes it once.
    private bool Selected(in CapturedPacket packet, out bool decoded)
    {
        decoded = false;
        if (!_gate!.KeepsRaw(packet)) return false;
        if (_gate.ChecksDecoded)
        {
            decoded = true;
            FrameDecoder.Decode(packet.LinkType, packet.Data, ref _frame);
            if (!_gate.KeepsDecoded(packet, _frame)) return false;
        }
        _gate.Kept(packet.FrameNumber);
        return true;
    }

    /// <param name="arrivalNs">The packet's timestamp as captured (jumps taken out); <paramref name="packet"/> carries the engines' time.</param>
    /// <param name="decoded">The frame is already in <c>_frame</c>.</param>
    private void Dispatch(in CapturedPacket packet, CapturePoint point, long arrivalNs, bool decoded)
    {
        SipCheck sip;
        FlowRef flow;
        try
        {
            if (!decoded) FrameDecoder.Decode(packet.LinkType, packet.Data, ref _frame);
            _capture.Protocols.Count(_frame);
            if ((_frame.Layers & (FrameLayers.Truncated | FrameLayers.Malformed | FrameLayers.LinkNotDecoded)) != 0)
                CountDecodeAnomaly(packet);

            TrackPoint(point, packet);
            flow = ObservePaths(point, packet);

            // Other frames (ARP, …) go too when a SIP timer may be due: the engines' clock is every packet's time.
            // NextTimerNs is the transport stage's; a stale read here only hands on one frame too many.
            if ((_frame.Layers & ForTransport) == 0 && packet.TimestampNs < Volatile.Read(ref point.NextTimerNs))
                return;
            sip = CheckSip(packet.Data, point.HashesMessages);
        }
        catch (Exception e)
        {
            _result.EngineErrors.Add(e, packet.CaptureIndex, packet.FrameNumber);
            return;
        }
        // Outside the guard: the hand-off rethrows a failure of the engines' thread itself, which is no packet's.
        _handoff.Add(packet, ref _frame, point, sip, arrivalNs, flow);
    }

    // Frames with a flow: UDP and TCP over IP, whole (a fragment's ports are not every fragment's).
    private const FrameLayers FlowLayers = FrameLayers.Udp | FrameLayers.Tcp;
    private const FrameLayers NoFlowLayers = FrameLayers.Fragment | FrameLayers.Icmp | FrameLayers.Icmpv6 | FrameLayers.Arp
        | FrameLayers.NeighborDiscovery | FrameLayers.Truncated | FrameLayers.Malformed;

    // The packet's one flow lookup: the flow's slot says what the neighbour table already has from it.
    private FlowRef ObservePaths(CapturePoint point, in CapturedPacket packet)
    {
        if ((_frame.Layers & FlowLayers) == 0 || (_frame.Layers & NoFlowLayers) != 0)
        {
            _paths.Observe(packet.CaptureIndex, packet.InterfaceId, packet.FrameNumber, packet.TimestampNs, in _frame);
            return FlowRef.None;
        }
        ref var link = ref _flows.Find(FlowKey.Of(point.Index, packet.InterfaceId, in _frame), out var flow);
        _paths.Observe(packet.CaptureIndex, packet.InterfaceId, packet.FrameNumber, packet.TimestampNs, in _frame, ref link);
        return flow;
    }

    // SIP over UDP is recognised here, where every datagram's first bytes are at hand, so the engines' thread does
    // not look at each RTP datagram twice. It is parsed by whichever thread has time: there, beside the engine that
    // reads it, while the engines keep up (on a VoIP mix the reader's thread is twice as busy and bounds the wall
    // time), here when batches wait for them (a SIP flood, where the engine is the bottleneck). Either way the same
    // message. Fragments are recognised there once reassembled, TCP once framed.
    private SipCheck CheckSip(ReadOnlySpan<byte> data, bool hash)
    {
        if ((_frame.Layers & (FrameLayers.Udp | FrameLayers.Fragment)) != FrameLayers.Udp
            || (uint)_frame.PayloadOffset > (uint)data.Length || _frame.PayloadLength > data.Length - _frame.PayloadOffset)
            return default;
        var payload = data.Slice(_frame.PayloadOffset, _frame.PayloadLength);
        if (!SipDetector.LooksLikeSip(payload)) return SipCheck.NotSip;
        bool here = _handoff.Threaded && SipParsing switch
        {
            SipParsing.ReaderThread => true,
            SipParsing.EnginesThread => false,
            _ => _handoff.EnginesBehind,
        };
        return here ? new SipCheck(true, true, true, SipMessagePool.Parse(payload, hash)) : SipCheck.Unparsed;
    }

    private void TrackPoint(CapturePoint point, in CapturedPacket packet)
    {
        point.Packets++;
        if (point.LastCapture != packet.CaptureIndex)
        {
            point.LastCapture = packet.CaptureIndex;
            point.Captures.Add(packet.CaptureIndex);
            // A later file of the same point (ring buffer) is the same links: keep what was learnt about them.
            if (point.Captures.Count > 1)
                _paths.Continue(packet.CaptureIndex, point.Captures.Min);
        }
        if ((_frame.Layers & (FrameLayers.Ipv4 | FrameLayers.Ipv6)) != 0) point.NoteLink(_frame.SourceMac, _frame.DestinationMac);
        if (packet.TimestampNs < point.FirstTimestampNs) point.FirstTimestampNs = packet.TimestampNs;
        if (packet.TimestampNs > point.LastTimestampNs) point.LastTimestampNs = packet.TimestampNs;
    }

    /// <summary>A record too long to hold was skipped by the reader: its frame is counted, its bytes are gone.</summary>
    public void OnOversizeRecord(in CapturedPacket packet) =>
        _result.Anomalies.Add("record-oversize", packet.CaptureIndex, packet.FrameNumber);

    private void CountDecodeAnomaly(in CapturedPacket packet)
    {
        if (_frame.Has(FrameLayers.LinkNotDecoded))
        {
            _result.UndecodedLinkTypes.Add(packet.LinkType);
            _result.Anomalies.Add(UndecodedLinkTypes.AnomalyKind, packet.CaptureIndex, packet.FrameNumber);
            return;
        }
        var kind = _frame.Has(FrameLayers.Malformed) ? "malformed-header" : "truncated-header";
        _result.Anomalies.Add(kind, packet.CaptureIndex, packet.FrameNumber);
    }

    public void Dispose()
    {
        foreach (var point in _points.Points) point.ReleaseBuffers();
        _handoff.Dispose();
        _gate?.Dispose();
    }
}
