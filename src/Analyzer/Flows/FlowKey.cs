using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Flows;

/// <summary>
/// One direction of a UDP or TCP flow at one capture point and interface: the key of the <see cref="FlowTable"/>.
/// The capture point is part of it for the reason it is part of every stream key: a router capturing both legs
/// sees each packet twice, and each copy belongs to its own flow.
/// </summary>
internal readonly record struct FlowKey(
    int Point,
    int InterfaceId,
    NetAddress Source,
    ushort SourcePort,
    NetAddress Destination,
    ushort DestinationPort,
    bool Tcp)
{
    public static FlowKey Of(int point, int interfaceId, in DecodedFrame frame) =>
        new(point, interfaceId, frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort,
            (frame.Layers & FrameLayers.Tcp) != 0);

    // Looked up for every packet: raw fields, most selective first.
    public bool Equals(FlowKey other) =>
        SourcePort == other.SourcePort && DestinationPort == other.DestinationPort
        && Source.Low == other.Source.Low && Destination.Low == other.Destination.Low
        && Source.High == other.Source.High && Destination.High == other.Destination.High
        && Source.IsV6 == other.Source.IsV6 && Destination.IsV6 == other.Destination.IsV6
        && Tcp == other.Tcp && Point == other.Point && InterfaceId == other.InterfaceId;

    // Keyed per process (PacketHash): every field comes from packets, and a predictable hash would let crafted
    // flows pile into one bucket and evict each other.
    public override int GetHashCode() => PacketHash.Of(
        Source.Low, Destination.Low,
        Source.High ^ (Source.IsV6 ? 1UL << 63 : 0), Destination.High ^ (Destination.IsV6 ? 1UL << 63 : 0),
        (ulong)SourcePort << 48 | (ulong)DestinationPort << 32 | (Tcp ? 1UL : 0),
        (ulong)(uint)Point << 32 | (uint)InterfaceId);
}
