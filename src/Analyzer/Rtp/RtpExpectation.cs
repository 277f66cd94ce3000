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
    /// <summary>When the latest SDP that said this about the endpoint came.</summary>
    public long TimestampNs { get; internal set; }
    /// <summary>The frame of that SDP.</summary>
    public FrameRef SdpFrame { get; internal set; }
    /// <summary>Its place in the engine's order of descriptions: renewed when an SDP says the same again.</summary>
    internal long Sequence { get; set; }
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
