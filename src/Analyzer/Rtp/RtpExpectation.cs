using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>What an SDP said about one media endpoint: the call, the payload map, direction and when.</summary>
public sealed class RtpExpectation
{
    public required RtpEndpoint Endpoint { get; init; }
    public string? CallId { get; init; }
    public RtpPayloadMap? PayloadMap { get; init; }
    public SdpDirection Direction { get; init; }
    public long TimestampNs { get; init; }
    public FrameRef SdpFrame { get; init; }
    /// <summary>True for the RTCP port (m= port + 1 or a=rtcp) of the same media.</summary>
    public bool IsRtcp { get; init; }
    /// <summary>
    /// False when the SDP gave the endpoint to another protocol (a T.38 fax switch: m=image … udptl): its
    /// datagrams are then not RTP, as in Wireshark, whose T.38 conversation takes the port over.
    /// </summary>
    public bool IsRtp { get; init; } = true;

    /// <summary>True when the SDP gave the endpoint to T.38 fax (m=image … udptl t38): its datagrams count as T.38.</summary>
    public bool IsT38 { get; init; }
}
