namespace PcapSipAnalyzer.Analyzer.Selection;

/// <summary>A --filter that libpcap cannot compile (for a link type met in a capture), or libpcap is missing.</summary>
public sealed class PacketFilterException(string message) : Exception(message);
