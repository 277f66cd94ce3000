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
    uint Ssrc);
