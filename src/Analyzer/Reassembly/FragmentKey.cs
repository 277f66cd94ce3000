using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// Which datagram a fragment belongs to (RFC 791 §3.2, RFC 8200 §4.5): source, destination, protocol and
/// identification. A value type with generated equality, so dictionary lookups do not allocate.
/// </summary>
public readonly record struct FragmentKey(NetAddress Source, NetAddress Destination, byte Protocol, uint Id)
{
    public static FragmentKey From(in DecodedFrame frame) =>
        new(frame.SourceIp, frame.DestinationIp, frame.FragmentProtocol, frame.FragmentId);

    /// <summary>Seeded per process over every field, so crafted fragment ids cannot pile into one bucket.</summary>
    public override int GetHashCode() => HashCode.Combine(Source, Destination, Protocol, Id);
}
