using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// A TCP connection as one capture point sees it, independent of direction: the lower (address, port)
/// endpoint first, so both directions find the same entry. The capture and interface are part of the key:
/// a router capturing on two legs sees every segment twice, and each leg is its own vantage point (the
/// second copy is not a retransmission). A record struct: hashed and compared without boxing.
/// </summary>
internal readonly record struct TcpConnectionKey(
    int Capture, int InterfaceId, NetAddress LowIp, ushort LowPort, NetAddress HighIp, ushort HighPort)
{
    /// <summary>The key of the frame's connection; <paramref name="fromLow"/> tells which direction the frame goes.</summary>
    public static TcpConnectionKey From(in PacketMeta meta, in DecodedFrame frame, out bool fromLow)
    {
        fromLow = Compare(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort) <= 0;
        return fromLow
            ? new TcpConnectionKey(meta.Capture, meta.InterfaceId, frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort)
            : new TcpConnectionKey(meta.Capture, meta.InterfaceId, frame.DestinationIp, frame.DestinationPort, frame.SourceIp, frame.SourcePort);
    }

    /// <summary>
    /// Seeded per process over every field: the generated hash combines the fields linearly, so crafted ports
    /// and addresses could pile thousands of connections into one bucket.
    /// </summary>
    public override int GetHashCode() =>
        HashCode.Combine(Capture, InterfaceId, LowIp, LowPort, HighIp, HighPort);

    private static int Compare(NetAddress a, ushort aPort, NetAddress b, ushort bPort)
    {
        int c = a.IsV6.CompareTo(b.IsV6);
        if (c == 0) c = a.High.CompareTo(b.High);
        if (c == 0) c = a.Low.CompareTo(b.Low);
        return c != 0 ? c : aPort.CompareTo(bPort);
    }
}
