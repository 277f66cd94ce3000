using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>An address and UDP port where an SDP said media is received.</summary>
public readonly record struct RtpEndpoint(NetAddress Address, ushort Port)
{
    public override string ToString() => Address.ToString(Port);

    /// <summary>Seeded per process: the port is the packet's, and the generated hash adds it linearly.</summary>
    public override int GetHashCode() => HashCode.Combine(Address, Port);
}
