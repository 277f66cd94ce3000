using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// One scanning client kept as an example: what it sent, what it got, the frames that show it and the packet
/// facts of its request (the next hop it came through).
/// </summary>
public sealed record ScanSample(string Client, string Method, string? Aor, string? UserAgent, int? FinalStatus,
                                string? CallId, IReadOnlyList<FrameRef> Frames, PacketMeta Request);
