using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// A TCP connection as one capture point sees it, independent of direction: the lower (address, port)
/// endpoint first, so both directions find the same entry. Each capture point has its own reassembler, so a
/// router capturing on two legs (two points) never takes the second copy of a segment for a retransmission.
/// The file is not part of the key: the files of one point (a ring-buffer set) continue the same connections,
/// so a SIP message whose segments straddle a file boundary is still reassembled. A record struct: hashed and
/// compared without boxing.
/// </summary>
internal readonly record struct TcpConnectionKey(
    int InterfaceId, NetAddress LowIp, ushort LowPort, NetAddress HighIp, ushort HighPort)
{
    /// <summary>The key of the frame's connection; <paramref name="fromLow"/> tells which direction the frame goes.</summary>
    public static TcpConnectionKey From(in PacketMeta meta, in DecodedFrame frame, out bool fromLow)
    {
        fromLow = Compare(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort) <= 0;
        return fromLow
            ? new TcpConnectionKey(meta.InterfaceId, frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort)
            : new TcpConnectionKey(meta.InterfaceId, frame.DestinationIp, frame.DestinationPort, frame.SourceIp, frame.SourcePort);
    }

    /// <summary>
    /// Seeded per process over every field: the generated hash combines the fields linearly, so crafted ports
    /// and addresses could pile thousands of connections into one bucket.
    /// </summary>
    public override int GetHashCode() =>
        HashCode.Combine(InterfaceId, LowIp, LowPort, HighIp, HighPort);

    private static int Compare(NetAddress a, ushort aPort, NetAddress b, ushort bPort)
    {
        int c = a.IsV6.CompareTo(b.IsV6);
        if (c == 0) c = a.High.CompareTo(b.High);
        if (c == 0) c = a.Low.CompareTo(b.Low);
        return c != 0 ? c : aPort.CompareTo(bPort);
    }
}
