using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>One SYN, SYN-ACK, handshake ACK, FIN or RST of a connection as one capture point saw it.</summary>
public readonly record struct TcpControlSegment(TcpSegmentKind Kind, FrameRef Frame, long TimestampNs, bool FromClient);
