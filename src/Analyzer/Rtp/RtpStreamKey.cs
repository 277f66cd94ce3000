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
    // Every RTP packet costs one lookup by this key. The generated members combine the seven fields through
    // the default comparers one at a time; these compare the raw fields (most selective first) and mix them
    // with two multiplies, and the dictionaries' default comparer path inlines them.

    /// <summary>Field-wise equality, as the generated member.</summary>
    public bool Equals(RtpStreamKey other) =>
        Ssrc == other.Ssrc && Source.Low == other.Source.Low && Destination.Low == other.Destination.Low
        && SourcePort == other.SourcePort && DestinationPort == other.DestinationPort
        && Source.High == other.Source.High && Destination.High == other.Destination.High
        && Source.IsV6 == other.Source.IsV6 && Destination.IsV6 == other.Destination.IsV6
        && Capture == other.Capture && InterfaceId == other.InterfaceId;

    public override int GetHashCode()
    {
        ulong h = (Source.Low ^ (Source.High << 1) ^ ((ulong)SourcePort << 48)) * 0x9E3779B97F4A7C15UL;
        h ^= (Destination.Low ^ (Destination.High << 1) ^ ((ulong)DestinationPort << 48)) * 0xC2B2AE3D27D4EB4FUL;
        h ^= ((ulong)Ssrc << 16 ^ (ulong)(uint)Capture << 8 ^ (uint)InterfaceId) * 0x165667B19E3779F9UL;
        return (int)(h ^ (h >> 31));
    }
}
