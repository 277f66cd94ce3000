using PcapSipAnalyzer.Analyzer.Flows;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sdp;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// The engines' stage of the hot path: everything above IP — fragment reassembly, SIP over UDP and TCP,
/// RTP/RTCP, SIP quoted in ICMP errors, the SIP timers. It sees the packets that carry a transport (or are
/// fragments) in file order, on its own thread when the analysis is pipelined; the state it touches (each
/// point's reassemblers and SIP engine, the RTP engine) is touched by nothing else while reading.
/// </summary>
internal sealed class TransportStage : ISipMessageSink
{
    // Timers (transaction timeouts, state expiry) advance at most this often in capture time.
    private const long TimerTickNs = 1_000_000_000;

    private readonly AnalysisResult _result;
    private readonly RtpEngine _rtp;
    private readonly FlowStreams _flowStreams;
    private CaptureResult _capture = null!;
    private CapturePoint _point = null!;

    /// <param name="flowSlots">The capacity of the reader's flow table, whose slots this stage keeps per-flow state for.</param>
    public TransportStage(AnalysisResult result, RtpEngine rtp, int flowSlots = FlowTable.DefaultCapacity)
    {
        _result = result;
        _rtp = rtp;
        _flowStreams = new FlowStreams(flowSlots);
    }

    /// <summary>The file whose packets follow; only called between files, with the stage drained.</summary>
    public void BeginCapture(CaptureResult capture) => _capture = capture;

    /// <param name="frame">The packet's decoded headers, used in place (no copy per packet); a reassembled
    /// fragment's transport header is decoded over it.</param>
    /// <param name="arrivalNs">The packet's timestamp as captured (the packet carries the engines' time, in capture order).</param>
    /// <param name="flow">The packet's flow in the reader's flow table (<see cref="FlowRef.None"/> when it has none).</param>
    public void OnPacket(ref DecodedFrame frame, CapturePoint point, in CapturedPacket packet, in SipCheck sip, long arrivalNs,
        FlowRef flow = default)
    {
        try
        {
            Handle(ref frame, point, packet, sip, arrivalNs, flow);
        }
        catch (Exception e)
        {
            _result.EngineErrors.Add(e, packet.CaptureIndex, packet.FrameNumber);
        }
    }

    private void Handle(ref DecodedFrame frame, CapturePoint point, in CapturedPacket packet, in SipCheck sip, long arrivalNs, FlowRef flow)
    {
        _point = point;
        if ((frame.Layers & FrameLayers.Fragment) != 0)
        {
            var fragment = _point.Ip.Add(frame, packet.Data, packet.TimestampNs, out var datagram);
            if (fragment == FragmentResult.Dropped)
                _result.Anomalies.Add("ip-fragment-dropped", packet.CaptureIndex, packet.FrameNumber);
            // Only what the reassembler holds is followed: it says when the wait for the rest ends.
            if (fragment is FragmentResult.Pending or FragmentResult.Complete)
                _point.FragmentedSip.OnFragment(frame, packet.Data, _point.Index, new FrameRef(packet.CaptureIndex, packet.FrameNumber), packet.TimestampNs);
            if (fragment != FragmentResult.Complete)
                return;
            _point.FragmentedSip.OnComplete(datagram.Key, datagram.Payload.Length);
            _capture.Protocols.FragmentsReassembled++;
            FrameDecoder.DecodeTransport(datagram.Protocol, datagram.Payload, ref frame);
            OnTransport(in frame, packet, datagram.Payload, in sip, arrivalNs, FlowRef.None);
            return;
        }
        OnTransport(in frame, packet, packet.Data, in sip, arrivalNs, flow);
    }

    // Everything above IP, over the frame's own bytes or a reassembled datagram (offsets refer to `bytes`).
    private void OnTransport(in DecodedFrame frame, in CapturedPacket packet, ReadOnlySpan<byte> bytes, in SipCheck sip, long arrivalNs,
        FlowRef flow)
    {
        var layers = frame.Layers;
        if ((uint)frame.PayloadOffset > (uint)bytes.Length || frame.PayloadLength > bytes.Length - frame.PayloadOffset)
            return;
        var payload = bytes.Slice(frame.PayloadOffset, frame.PayloadLength);

        if ((layers & FrameLayers.Udp) != 0)
        {
            // A datagram of a stream its flow already led to goes into the stream's figures without a PacketMeta.
            if (sip.Checked && !sip.IsSip && TryKnownStream(packet, payload, arrivalNs, flow))
            {
                Tick(packet.TimestampNs);
                return;
            }
            // The reader's side looked for SIP already unless this is a reassembled datagram.
            var meta = PacketMeta.From(packet, frame, Transport.Udp, _point.Index);
            meta.ArrivalSkewNs = arrivalNs - packet.TimestampNs;
            if (sip.Checked)
            {
                if (sip.Parsed) OnParsedSip(meta, sip.Message);
                else if (sip.IsSip) OnSip(meta, payload);
                else OnOtherUdp(meta, payload, flow);
            }
            else if (SipDetector.LooksLikeSip(payload)) OnSip(meta, payload);
            else OnOtherUdp(meta, payload, FlowRef.None);
        }
        else if ((layers & FrameLayers.Tcp) != 0)
        {
            if (!_point.Tcp.OnSegment(PacketMeta.From(packet, frame, Transport.Tcp, _point.Index), frame, payload, this))
                _result.Anomalies.Add("tcp-out-of-window", packet.CaptureIndex, packet.FrameNumber);
        }
        else if ((layers & FrameLayers.IcmpQuote) != 0)
        {
            OnIcmpQuote(in frame, packet, bytes);
        }
        Tick(packet.TimestampNs);
    }

    // A datagram that is not SIP, straight into its flow's stream when the flow has one and it belongs there.
    private bool TryKnownStream(in CapturedPacket packet, ReadOnlySpan<byte> payload, long arrivalNs, FlowRef flow)
    {
        int slot = _flowStreams.Get(flow, _rtp.StreamEpoch);
        if (slot < 0
            || !_rtp.TryAddToSlot(slot, arrivalNs, packet.TimestampNs, new FrameRef(packet.CaptureIndex, packet.FrameNumber), payload))
            return false;
        _point.NonSipDatagrams++;
        return true;
    }

    // A datagram that is not SIP and not of the stream its flow last led to (TryKnownStream): offered to the RTP
    // engine, which finds (or makes) its stream; the flow then remembers that stream for its next packet.
    private void OnOtherUdp(in PacketMeta meta, ReadOnlySpan<byte> payload, FlowRef flow)
    {
        _point.NonSipDatagrams++;
        _point.DatagramHosts.Note(_point.Index, meta.SourceIp, meta.DestinationIp);
        if (_rtp.OnUdp(meta, payload) && !flow.IsNone)
            _flowStreams.Set(flow, _rtp.StreamEpoch, _rtp.ActiveSlotOf(meta, payload));
    }

    /// <summary>A SIP message framed out of a TCP stream by the point's reassembler.</summary>
    public void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message) => OnParsedSip(meta, SipMessagePool.Parse(message, _point.HashesMessages));

    public void OnSipMessage(in PacketMeta meta, long firstFrame, ReadOnlySpan<byte> bytes)
    {
        var message = SipMessagePool.Parse(bytes, _point.HashesMessages);
        CallSegments?.OnMessage(meta, firstFrame, message?.CallId);
        // A segment kept for the selected call may also carry the end or start of another call's message.
        if (TcpCallId is not null && !string.Equals(message?.CallId, TcpCallId, StringComparison.Ordinal))
            return;
        OnParsedSip(meta, message);
    }

    /// <summary>The first pass of a call selection: where each of the call's messages over TCP began and ended.</summary>
    internal Selection.CallSegments? CallSegments { get; set; }

    /// <summary>The second pass of a call selection: SIP over TCP of other calls is left out, message by message.</summary>
    internal string? TcpCallId { get; set; }

    private void OnSip(in PacketMeta meta, ReadOnlySpan<byte> bytes) => OnParsedSip(meta, SipMessagePool.Parse(bytes, _point.HashesMessages));

    /// <param name="message">Null when the bytes looked like SIP but did not parse.</param>
    private void OnParsedSip(in PacketMeta meta, SipMessage? message)
    {
        if (message is null)
        {
            _point.Sip.OnMalformed(meta, "unparsable");
            return;
        }
        _capture.Protocols.Sip++;
        _point.Sip.OnMessage(meta, message);
        if (message.Sdp is { } sdp)
            ExpectMedia(meta, message, sdp);
        // The engine and the RTP expectations took what they keep: the message object goes back to be parsed into.
        SipMessagePool.Return(message);
    }

    // An SDP offer or answer says where media will flow: the RTP engine recognises those streams from their
    // first packet, with the negotiated clock rates.
    private void ExpectMedia(in PacketMeta meta, SipMessage message, SdpSession sdp)
    {
        foreach (var media in sdp.Media)
        {
            CheckClockRates(meta, media);
            var address = media.ConnectionAddress ?? sdp.ConnectionAddress;
            if (address is null || !NetAddress.TryParse(address, out var ip) || media.Port is <= 0 or > ushort.MaxValue)
                continue;
            _rtp.ExpectMedia(new RtpEndpoint(ip, (ushort)media.Port), media, media.Direction ?? sdp.Direction,
                message.CallId, meta.TimestampNs, meta.FrameRef);
        }
    }

    // An rtpmap clock the jitter cannot be computed with (below 1 kHz, 0, or absurd): the streams get the
    // default clock instead, and the report says which SDP had it.
    private void CheckClockRates(in PacketMeta meta, SdpMedia media)
    {
        // Asking RtpMaps of a section without a=rtpmap would make its dictionary (and its value collection),
        // kept with the message: a third of the heap of a flood of m= lines.
        if (!media.HasRtpMaps) return;
        foreach (var rtpMap in media.RtpMaps.Values)
        {
            if (RtpPayloadMap.IsValidClockRate(rtpMap.ClockRate)) continue;
            _result.Anomalies.Add("rtp-clock-rate-invalid", meta.Capture, meta.Frame);
            return;
        }
    }

    // An ICMP error quoting a SIP message (the router says why the message died): evidence for its transaction.
    private void OnIcmpQuote(in DecodedFrame frame, in CapturedPacket packet, ReadOnlySpan<byte> bytes)
    {
        if (frame.QuotedProtocol != 17 || frame.QuotedPayloadLength <= 0 ||
            frame.QuotedPayloadOffset + frame.QuotedPayloadLength > bytes.Length)
            return;
        var quotedPayload = bytes.Slice(frame.QuotedPayloadOffset, frame.QuotedPayloadLength);
        if (!SipDetector.LooksLikeSip(quotedPayload) || !SipParser.TryParse(quotedPayload, null, out var message) || message is null)
            return;
        var icmp = PacketMeta.From(packet, frame, Transport.Udp, _point.Index);
        var quoted = icmp;
        quoted.SourceIp = frame.QuotedSourceIp;
        quoted.DestinationIp = frame.QuotedDestinationIp;
        quoted.SourcePort = frame.QuotedSourcePort;
        quoted.DestinationPort = frame.QuotedDestinationPort;
        quoted.IpId = frame.QuotedIpId;
        _point.Sip.OnQuotedInIcmp(icmp, quoted, message, frame.IcmpType, frame.IcmpCode, frame.IcmpGateway);
    }

    private void Tick(long timestampNs)
    {
        if (timestampNs < _point.NextTimerNs) return;
        _point.NextTimerNs = timestampNs + TimerTickNs;
        _point.Sip.OnTime(timestampNs);
    }
}
