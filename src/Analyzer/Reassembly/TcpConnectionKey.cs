using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// A TCP connection independent of direction: the lower (address, port) endpoint first, so both directions
/// of a connection find the same entry. A record struct: hashed and compared without boxing.
/// </summary>
internal readonly record struct TcpConnectionKey(NetAddress LowIp, ushort LowPort, NetAddress HighIp, ushort HighPort)
{
    /// <summary>The key of the frame's connection; <paramref name="fromLow"/> tells which direction the frame goes.</summary>
    public static TcpConnectionKey From(in DecodedFrame frame, out bool fromLow)
    {
        fromLow = Compare(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort) <= 0;
        return fromLow
            ? new TcpConnectionKey(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort)
            : new TcpConnectionKey(frame.DestinationIp, frame.DestinationPort, frame.SourceIp, frame.SourcePort);
    }

    private static int Compare(NetAddress a, ushort aPort, NetAddress b, ushort bPort)
    {
        int c = a.IsV6.CompareTo(b.IsV6);
        if (c == 0) c = a.High.CompareTo(b.High);
        if (c == 0) c = a.Low.CompareTo(b.Low);
        return c != 0 ? c : aPort.CompareTo(bPort);
    }
}
