using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// A TCP connection as one capture point sees it, independent of direction: the lower (address, port)
/// endpoint first, so both directions find the same entry. Each capture point has its own reassembler, so a
/// router capturing on two legs (two points) never takes the second copy of a segment for a retransmission.
/// The file is not part of the key: the files of one point (a ring-buffer set) continue the same connections,
/// so a SIP message whose segments straddle a file boundary is still reassembled.
/// </summary>
/// <remarks>
/// Held as six words (48 bytes, where two <see cref="NetAddress"/> fields and the ports took 72) because it lives
/// in every connection slot, and a flood of new connections costs the table's fresh memory; compared and hashed
/// word by word, with no generic comparer, so precompiled code needs no runtime instantiation for it.
/// </remarks>
internal readonly struct TcpConnectionKey : IEquatable<TcpConnectionKey>
{
    private const ulong LowIsV6 = 1UL << 32, HighIsV6 = 1UL << 33;

    private readonly ulong _lowHigh, _lowLow, _highHigh, _highLow;
    /// <summary>Both ports (low endpoint's in the upper half) and the address families.</summary>
    private readonly ulong _portsAndFamilies;
    private readonly int _interfaceId;

    public TcpConnectionKey(int interfaceId, NetAddress lowIp, ushort lowPort, NetAddress highIp, ushort highPort)
    {
        _interfaceId = interfaceId;
        _lowHigh = lowIp.High;
        _lowLow = lowIp.Low;
        _highHigh = highIp.High;
        _highLow = highIp.Low;
        _portsAndFamilies = (ulong)lowPort << 16 | highPort | (lowIp.IsV6 ? LowIsV6 : 0) | (highIp.IsV6 ? HighIsV6 : 0);
    }

    /// <summary>The key of the frame's connection; <paramref name="fromLow"/> tells which direction the frame goes.</summary>
    public static TcpConnectionKey From(in PacketMeta meta, in DecodedFrame frame, out bool fromLow)
    {
        fromLow = Compare(frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort) <= 0;
        return fromLow
            ? new TcpConnectionKey(meta.InterfaceId, frame.SourceIp, frame.SourcePort, frame.DestinationIp, frame.DestinationPort)
            : new TcpConnectionKey(meta.InterfaceId, frame.DestinationIp, frame.DestinationPort, frame.SourceIp, frame.SourcePort);
    }

    public bool Equals(TcpConnectionKey other) =>
        _lowLow == other._lowLow && _highLow == other._highLow && _portsAndFamilies == other._portsAndFamilies
        && _lowHigh == other._lowHigh && _highHigh == other._highHigh && _interfaceId == other._interfaceId;

    public override bool Equals(object? obj) => obj is TcpConnectionKey other && Equals(other);

    /// <summary>
    /// Seeded per process over every field (<see cref="PacketHash"/>): a hash that combined the fields linearly
    /// let crafted ports and addresses pile thousands of connections onto one index position.
    /// </summary>
    public override int GetHashCode() =>
        PacketHash.Of(_lowLow, _highLow, _lowHigh, _highHigh, _portsAndFamilies, (ulong)(uint)_interfaceId);

    public static bool operator ==(TcpConnectionKey a, TcpConnectionKey b) => a.Equals(b);
    public static bool operator !=(TcpConnectionKey a, TcpConnectionKey b) => !a.Equals(b);

    private static int Compare(NetAddress a, ushort aPort, NetAddress b, ushort bPort)
    {
        int c = a.IsV6.CompareTo(b.IsV6);
        if (c == 0) c = a.High.CompareTo(b.High);
        if (c == 0) c = a.Low.CompareTo(b.Low);
        return c != 0 ? c : aPort.CompareTo(bPort);
    }
}
