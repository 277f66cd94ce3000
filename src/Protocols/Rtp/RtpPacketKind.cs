namespace PcapSipAnalyzer.Protocols.Rtp;

/// <summary>What a datagram on an RTP port is, by RFC 5761 §4 demultiplexing.</summary>
public enum RtpPacketKind : byte
{
    /// <summary>Not version 2, or too short for either header.</summary>
    Neither,
    Rtp,
    Rtcp,
}
