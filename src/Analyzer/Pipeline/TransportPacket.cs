using PcapSipAnalyzer.Analyzer.Flows;
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
    // Declared before the frame, so that an RTP datagram's fields (Rtp, Flow and the scalars, which the runtime puts
    // first) share the slot's first lines: the frame's ~260 bytes are written and read only for other packets.
    public RtpDatagram Rtp;
    /// <summary>The packet's flow in the reader's flow table (none for fragments, ICMP, ARP).</summary>
    public FlowRef Flow;
    /// <summary>What the reader's side found when it looked for SIP in this UDP datagram.</summary>
    public SipCheck Sip;
    public DecodedFrame Frame;
    public CapturePoint Point;
    /// <summary>The packet travels as <see cref="Rtp"/> alone: no <see cref="Frame"/>, <see cref="Sip"/> or bytes.</summary>
    public bool IsRtp;
    public long FrameNumber;
    public long TimestampNs;
    /// <summary>The timestamp as captured (<see cref="TimestampNs"/> is the engines' time, in capture order).</summary>
    public long ArrivalNs;
    public int CaptureIndex;
    public int InterfaceId;
    public int LinkType;
    public int OriginalLength;
    /// <summary>Where the packet's bytes are in the batch's buffer.</summary>
    public int Offset;
    public int Length;

    /// <summary>Fills this slot in place (the decoded frame is the bulk: one copy, straight into the batch).</summary>
    public void Set(in CapturedPacket packet, in DecodedFrame frame, CapturePoint point, in SipCheck sip, long arrivalNs, FlowRef flow)
    {
        SetShared(packet, point, arrivalNs, flow);
        IsRtp = false;
        Frame = frame;
        Sip = sip;
        LinkType = packet.LinkType;
        OriginalLength = packet.OriginalLength;
        Length = packet.Data.Length;
    }

    /// <summary>Fills the fields an RTP datagram travels with (<see cref="Rtp"/> is filled by the caller).</summary>
    public void SetRtp(in CapturedPacket packet, CapturePoint point, long arrivalNs, FlowRef flow)
    {
        SetShared(packet, point, arrivalNs, flow);
        IsRtp = true;
    }

    private void SetShared(in CapturedPacket packet, CapturePoint point, long arrivalNs, FlowRef flow)
    {
        Point = point;
        Flow = flow;
        FrameNumber = packet.FrameNumber;
        TimestampNs = packet.TimestampNs;
        ArrivalNs = arrivalNs;
        CaptureIndex = packet.CaptureIndex;
        InterfaceId = packet.InterfaceId;
    }

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
