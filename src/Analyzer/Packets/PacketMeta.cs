using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Packets;

/// <summary>
/// What the analysis keeps about the packet a message arrived in: where and when it was captured and the
/// L2/L3/L4 addressing that the path analysis needs (next-hop MACs, VLAN, TTL, IP id). A plain value,
/// copied into each SIP message record; it holds no reference to the packet bytes.
/// </summary>
public struct PacketMeta
{
    /// <summary>Input file index: with <see cref="Frame"/> it names the frame in reports.</summary>
    public int Capture;
    /// <summary>
    /// Capture point index: where the packet was seen (a file, or one interface of a multi-interface file; the
    /// files of a ring-buffer set share one). State that must not mix copies of the same packet seen at two
    /// places (transactions, retransmission detection) is keyed by this, not by <see cref="Capture"/>.
    /// </summary>
    public int Point;
    public long Frame;
    /// <summary>When the packet was captured, in capture order: never before an earlier packet's (see CaptureClock).</summary>
    public long TimestampNs;
    /// <summary>
    /// How far the capture's own timestamp lies from <see cref="TimestampNs"/>: 0 unless the capture's clock went
    /// backwards here.
    /// </summary>
    public long ArrivalSkewNs;
    public MacAddress SourceMac;
    public MacAddress DestinationMac;
    public NetAddress SourceIp;
    public NetAddress DestinationIp;
    // The small fields after the large ones, so that they share one word instead of each padding its own: every
    // copy of a SIP message that a transaction keeps holds one of these.
    public int InterfaceId;
    public ushort Vlan;
    public ushort SourcePort;
    public ushort DestinationPort;
    public byte Ttl;
    public ushort IpId;
    public Transport Transport;

    public readonly FrameRef FrameRef => new(Capture, Frame);
    /// <summary>
    /// The timestamp as the capture stamped it (less any jump of more than a day), which may go backwards: RTP
    /// jitter is measured on it, as Wireshark measures it.
    /// </summary>
    public readonly long ArrivalNs => TimestampNs + ArrivalSkewNs;
    public readonly string Source => EndpointText.Of(SourceIp, SourcePort);
    public readonly string Destination => EndpointText.Of(DestinationIp, DestinationPort);

    public static PacketMeta From(in CapturedPacket packet, in DecodedFrame frame, Transport transport, int point = 0) => new()
    {
        Capture = packet.CaptureIndex,
        Point = point,
        Frame = packet.FrameNumber,
        TimestampNs = packet.TimestampNs,
        InterfaceId = packet.InterfaceId,
        SourceMac = frame.SourceMac,
        DestinationMac = frame.DestinationMac,
        Vlan = frame.OuterVlan,
        SourceIp = frame.SourceIp,
        DestinationIp = frame.DestinationIp,
        SourcePort = frame.SourcePort,
        DestinationPort = frame.DestinationPort,
        Ttl = frame.Ttl,
        IpId = frame.IpId,
        Transport = transport,
    };
}
