using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// A decoded packet on its way from the reader's stage to the engines' stage: what <see cref="CapturedPacket"/>
/// says about it (the bytes travel separately, in the batch's byte buffer), its decoded headers and its capture
/// point. A value type so that a batch of them is one array, reused.
/// </summary>
internal struct TransportPacket
{
    public DecodedFrame Frame;
    public CapturePoint Point;
    /// <summary>
    /// A UDP datagram that looks like SIP, parsed on the reader's side (which has time to spare while the
    /// engines' side is the busier one): <see cref="Sip"/> is the message, or null when it did not parse.
    /// </summary>
    public bool SipParsed;
    public Protocols.Sip.SipMessage? Sip;
    public long FrameNumber;
    public long TimestampNs;
    public int CaptureIndex;
    public int InterfaceId;
    public int LinkType;
    public int OriginalLength;
    /// <summary>Where the packet's bytes are in the batch's buffer.</summary>
    public int Offset;
    public int Length;

    public static TransportPacket From(in CapturedPacket packet, in DecodedFrame frame, CapturePoint point,
        bool sipParsed = false, Protocols.Sip.SipMessage? sip = null) => new()
    {
        Frame = frame,
        Point = point,
        SipParsed = sipParsed,
        Sip = sip,
        FrameNumber = packet.FrameNumber,
        TimestampNs = packet.TimestampNs,
        CaptureIndex = packet.CaptureIndex,
        InterfaceId = packet.InterfaceId,
        LinkType = packet.LinkType,
        OriginalLength = packet.OriginalLength,
        Length = packet.Data.Length,
    };

    /// <summary>The packet as the reader gave it, over <paramref name="data"/> (its bytes).</summary>
    public readonly CapturedPacket ToCaptured(ReadOnlySpan<byte> data) => new()
    {
        CaptureIndex = CaptureIndex,
        FrameNumber = FrameNumber,
        TimestampNs = TimestampNs,
        InterfaceId = InterfaceId,
        LinkType = LinkType,
        OriginalLength = OriginalLength,
        Data = data,
    };
}
