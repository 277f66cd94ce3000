using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>One side's SDP: where it receives RTP, whether it sends and receives, and the frame it came in.</summary>
public sealed record MediaOffer(RtpEndpoint Endpoint, SdpDirection Direction, FrameRef SdpFrame)
{
    /// <summary>This side expects to receive media (sendrecv or recvonly).</summary>
    public bool Receives => Direction is SdpDirection.SendRecv or SdpDirection.RecvOnly;

    /// <summary>This side means to send media (sendrecv or sendonly).</summary>
    public bool Sends => Direction is SdpDirection.SendRecv or SdpDirection.SendOnly;
}
