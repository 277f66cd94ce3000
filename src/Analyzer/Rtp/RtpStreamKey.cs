using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Identifies one RTP stream: source and destination address and port, SSRC, and the capture point (input
/// file and interface) — a router capturing both its interfaces sees each packet twice, and each copy is its
/// own stream so that neither shows the other's packets as duplicates.
/// </summary>
public readonly record struct RtpStreamKey(
    int Capture,
    int InterfaceId,
    NetAddress Source,
    ushort SourcePort,
    NetAddress Destination,
    ushort DestinationPort,
    uint Ssrc)
{
    // Every RTP packet costs one lookup by this key. Equality compares the raw fields, most selective first;
    // the hash is keyed per process (PacketHash) over every field, since all of them come from packets.

    /// <summary>Field-wise equality, as the generated member.</summary>
    public bool Equals(RtpStreamKey other) =>
        Ssrc == other.Ssrc && Source.Low == other.Source.Low && Destination.Low == other.Destination.Low
        && SourcePort == other.SourcePort && DestinationPort == other.DestinationPort
        && Source.High == other.Source.High && Destination.High == other.Destination.High
        && Source.IsV6 == other.Source.IsV6 && Destination.IsV6 == other.Destination.IsV6
        && Capture == other.Capture && InterfaceId == other.InterfaceId;

    public override int GetHashCode() => PacketHash.Of(
        Source.Low, Destination.Low,
        Source.High ^ (Source.IsV6 ? 1UL << 63 : 0), Destination.High ^ (Destination.IsV6 ? 1UL << 63 : 0),
        (ulong)SourcePort << 48 | (ulong)DestinationPort << 32 | Ssrc, (ulong)(uint)Capture << 32 | (uint)InterfaceId);
}
