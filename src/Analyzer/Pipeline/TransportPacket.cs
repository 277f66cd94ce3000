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
    public DecodedFrame Frame;
    public CapturePoint Point;
    /// <summary>What the reader's side found when it looked for SIP in this UDP datagram.</summary>
    public SipCheck Sip;
    /// <summary>The packet's flow in the reader's flow table (none for fragments, ICMP, ARP).</summary>
    public FlowRef Flow;
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
    /// <summary>Whether <see cref="Frame"/>'s tail (see <see cref="FrameTail"/>) may hold anything but zeros.</summary>
    public bool FrameTailSet;

    /// <summary>Fills this slot in place (the decoded frame is the bulk: one copy, straight into the batch).</summary>
    public void Set(in CapturedPacket packet, in DecodedFrame frame, CapturePoint point, in SipCheck sip, long arrivalNs, FlowRef flow)
    {
        FrameTail.Copy(frame, ref Frame, ref FrameTailSet);
        // The engines' stage decodes a reassembled datagram's transport header over a fragment's frame, in the slot.
        if ((frame.Layers & FrameLayers.Fragment) != 0) FrameTailSet = true;
        Point = point;
        Sip = sip;
        Flow = flow;
        FrameNumber = packet.FrameNumber;
        TimestampNs = packet.TimestampNs;
        ArrivalNs = arrivalNs;
        CaptureIndex = packet.CaptureIndex;
        InterfaceId = packet.InterfaceId;
        LinkType = packet.LinkType;
        OriginalLength = packet.OriginalLength;
        Length = packet.Data.Length;
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
