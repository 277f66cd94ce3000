namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>An out-of-order segment held until the gap before it fills; its bytes live in a pooled array.</summary>
internal readonly record struct TcpPendingSegment(uint Sequence, byte[] Bytes, int Length);
