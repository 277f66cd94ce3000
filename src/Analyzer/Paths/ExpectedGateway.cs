using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>The next hop a packet should have used according to the topology file: an IP, a MAC, or both.</summary>
public readonly record struct ExpectedGateway(NetAddress Ip, MacAddress Mac, string Reason);
