using PcapSipAnalyzer.Analyzer.Flows;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Rtp;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// An RTP datagram of a flow as the reader's side parsed it: everything the engines' side does with it (the RTP
/// engine's statistics, or its stream lookup when the flow has no stream yet) needs only these fields. Handed
/// across threads instead of the decoded frame and the packet's bytes, so that the engines' thread reads two
/// cache lines the reader's thread wrote instead of nine.
/// </summary>
internal struct RtpDatagram
{
    public RtpHeader Header;
    public NetAddress SourceIp;
    public NetAddress DestinationIp;
    public ushort SourcePort;
    public ushort DestinationPort;

    /// <summary>
    /// The datagram when the packet is a whole (not fragmented) UDP datagram of a flow, not SIP, and parses as RTP
    /// (RFC 5761's test, then the header): exactly the packets the engines' side would take to the RTP engine.
    /// </summary>
    public static bool TryOf(in CapturedPacket packet, in DecodedFrame frame, in SipCheck sip, FlowRef flow, out RtpDatagram datagram)
    {
        datagram = default;
        var bytes = packet.Data;
        if (flow.IsNone || !sip.Checked || sip.IsSip || (frame.Layers & (FrameLayers.Udp | FrameLayers.Fragment)) != FrameLayers.Udp
            || (uint)frame.PayloadOffset > (uint)bytes.Length || frame.PayloadLength > bytes.Length - frame.PayloadOffset)
            return false;
        var payload = bytes.Slice(frame.PayloadOffset, frame.PayloadLength);
        if (RtpDemultiplexer.Classify(payload) != RtpPacketKind.Rtp || !RtpHeader.TryParse(payload, out datagram.Header))
            return false;
        datagram.SourceIp = frame.SourceIp;
        datagram.DestinationIp = frame.DestinationIp;
        datagram.SourcePort = frame.SourcePort;
        datagram.DestinationPort = frame.DestinationPort;
        return true;
    }
}
