namespace PcapSipAnalyzer.Protocols.Rtp;

/// <summary>
/// Tells RTP from RTCP sharing one port (RFC 5761 §4): the second octet of RTCP is its packet type, 192–223,
/// which as an RTP marker bit + payload type reads as payload types 64–95 — a range RTP must not use.
/// </summary>
public static class RtpDemultiplexer
{
    public const int RtcpPayloadTypeFirst = 64;
    public const int RtcpPayloadTypeLast = 95;

    public static RtpPacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 4 || datagram[0] >> 6 != 2)
            return RtpPacketKind.Neither;
        int pt = datagram[1] & 0x7F;
        return pt is >= RtcpPayloadTypeFirst and <= RtcpPayloadTypeLast ? RtpPacketKind.Rtcp : RtpPacketKind.Rtp;
    }
}
