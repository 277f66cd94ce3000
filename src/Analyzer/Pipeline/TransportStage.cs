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
    private CaptureResult _capture = null!;
    private DecodedFrame _frame;
    private CapturePoint _point = null!;

    public TransportStage(AnalysisResult result, RtpEngine rtp)
    {
        _result = result;
        _rtp = rtp;
    }

    /// <summary>The file whose packets follow; only called between files, with the stage drained.</summary>
    public void BeginCapture(CaptureResult capture) => _capture = capture;

    public void OnPacket(in TransportPacket item, ReadOnlySpan<byte> data)
    {
        _frame = item.Frame;
        _point = item.Point;
        var packet = item.ToCaptured(data);
        if ((_frame.Layers & FrameLayers.Fragment) != 0)
        {
            var fragment = _point.Ip.Add(_frame, packet.Data, packet.TimestampNs, out var datagram);
            if (fragment == FragmentResult.Dropped)
                _result.Anomalies.Add("ip-fragment-dropped", packet.CaptureIndex, packet.FrameNumber);
            if (fragment != FragmentResult.Complete)
                return;
            _capture.Protocols.FragmentsReassembled++;
            FrameDecoder.DecodeTransport(datagram.Protocol, datagram.Payload, ref _frame);
            OnTransport(packet, datagram.Payload, in item);
            return;
        }
        OnTransport(packet, packet.Data, in item);
    }

    // Everything above IP, over the frame's own bytes or a reassembled datagram (offsets refer to `bytes`).
    private void OnTransport(in CapturedPacket packet, ReadOnlySpan<byte> bytes, in TransportPacket item)
    {
        var layers = _frame.Layers;
        if ((uint)_frame.PayloadOffset > (uint)bytes.Length || _frame.PayloadLength > bytes.Length - _frame.PayloadOffset)
            return;
        var payload = bytes.Slice(_frame.PayloadOffset, _frame.PayloadLength);

        if ((layers & FrameLayers.Udp) != 0)
        {
            if (item.SipParsed)
                OnParsedSip(PacketMeta.From(packet, _frame, Transport.Udp, _point.Index), item.Sip);
            else if (SipDetector.LooksLikeSip(payload))
                OnSip(PacketMeta.From(packet, _frame, Transport.Udp, _point.Index), payload);
            else
                _rtp.OnUdp(PacketMeta.From(packet, _frame, Transport.Udp, _point.Index), payload);
        }
        else if ((layers & FrameLayers.Tcp) != 0)
        {
            _point.Tcp.OnSegment(PacketMeta.From(packet, _frame, Transport.Tcp, _point.Index), _frame, payload, this);
        }
        else if ((layers & FrameLayers.IcmpQuote) != 0)
        {
            OnIcmpQuote(packet, bytes);
        }
        Tick(packet.TimestampNs);
    }

    /// <summary>A SIP message framed out of a TCP stream by the point's reassembler.</summary>
    public void OnSipMessage(in PacketMeta meta, ReadOnlySpan<byte> message) => OnSip(meta, message);

    private void OnSip(in PacketMeta meta, ReadOnlySpan<byte> bytes)
    {
        if (SipParser.TryParse(bytes, out var message) && message is not null)
            message.PayloadHash = Points.PayloadHash.Of(bytes);
        OnParsedSip(meta, message);
    }

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
    }

    // An SDP offer or answer says where media will flow: the RTP engine recognises those streams from their
    // first packet, with the negotiated clock rates.
    private void ExpectMedia(in PacketMeta meta, SipMessage message, SdpSession sdp)
    {
        foreach (var media in sdp.Media)
        {
            var address = media.ConnectionAddress ?? sdp.ConnectionAddress;
            if (address is null || !NetAddress.TryParse(address, out var ip) || media.Port is <= 0 or > ushort.MaxValue)
                continue;
            _rtp.ExpectMedia(new RtpEndpoint(ip, (ushort)media.Port), media, media.Direction ?? sdp.Direction,
                message.CallId, meta.TimestampNs, meta.FrameRef);
        }
    }

    // An ICMP error quoting a SIP message (the router says why the message died): evidence for its transaction.
    private void OnIcmpQuote(in CapturedPacket packet, ReadOnlySpan<byte> bytes)
    {
        if (_frame.QuotedProtocol != 17 || _frame.QuotedPayloadLength <= 0 ||
            _frame.QuotedPayloadOffset + _frame.QuotedPayloadLength > bytes.Length)
            return;
        var quotedPayload = bytes.Slice(_frame.QuotedPayloadOffset, _frame.QuotedPayloadLength);
        if (!SipDetector.LooksLikeSip(quotedPayload) || !SipParser.TryParse(quotedPayload, out var message) || message is null)
            return;
        var icmp = PacketMeta.From(packet, _frame, Transport.Udp, _point.Index);
        var quoted = icmp;
        quoted.SourceIp = _frame.QuotedSourceIp;
        quoted.DestinationIp = _frame.QuotedDestinationIp;
        quoted.SourcePort = _frame.QuotedSourcePort;
        quoted.DestinationPort = _frame.QuotedDestinationPort;
        quoted.IpId = _frame.QuotedIpId;
        _point.Sip.OnQuotedInIcmp(icmp, quoted, message, _frame.IcmpType, _frame.IcmpCode, _frame.IcmpGateway);
    }

    private void Tick(long timestampNs)
    {
        if (timestampNs < _point.NextTimerNs) return;
        _point.NextTimerNs = timestampNs + TimerTickNs;
        _point.Sip.OnTime(timestampNs);
    }
}
