using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>An address and UDP port where an SDP said media is received.</summary>
public readonly record struct RtpEndpoint(NetAddress Address, ushort Port)
{
    public override string ToString() => Address.ToString(Port);
}
