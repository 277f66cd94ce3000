using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// One UDP or TCP packet of a fixture as an independent decoder (libpcap via SharpPcap, PacketDotNet) sees
/// it: the frame number as Wireshark counts it, the <see cref="DecodedFrame"/> fields the SIP side uses, and
/// the transport payload (for IP fragments: the reassembled datagram, reported at the last fragment).
/// </summary>
public sealed record FixturePacket(long FrameNumber, long TimestampNs, DecodedFrame Frame, byte[] Payload)
{
    public bool IsTcp => Frame.Has(FrameLayers.Tcp);
    public bool IsUdp => Frame.Has(FrameLayers.Udp);
}
