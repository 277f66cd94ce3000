using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Rtp;

/// <summary>
/// Splits an RTCP compound datagram into its packets by their length fields. <see cref="IsValid"/> checks the
/// whole datagram first (RFC 3550 A.2: every packet version 2, types 192–223, lengths adding up exactly), so
/// random UDP is not taken for RTCP; the reader then yields each packet.
/// </summary>
public ref struct RtcpCompoundReader
{
    private readonly ReadOnlySpan<byte> _datagram;
    private int _pos;

    public RtcpCompoundReader(ReadOnlySpan<byte> datagram)
    {
        _datagram = datagram;
        _pos = 0;
    }

    /// <summary>True when the datagram is a well-formed compound (or single) RTCP packet.</summary>
    public static bool IsValid(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 8)
            return false;
        // The first packet of a compound must be an SR or RR (RFC 3550 §6.1); real stacks also send lone
        // SDES, BYE, APP or feedback packets, so any defined type 200–207 may lead; later ones need only be
        // in the RTCP range 192–223.
        if (datagram[1] < RtcpPacketType.SenderReport || datagram[1] > RtcpPacketType.ExtendedReport)
            return false;
        int pos = 0;
        while (pos < datagram.Length)
        {
            if (pos + 4 > datagram.Length)
                return false;
            byte b0 = datagram[pos];
            byte type = datagram[pos + 1];
            if (b0 >> 6 != 2 || type < 192 || type > 223)
                return false;
            int length = (BinaryPrimitives.ReadUInt16BigEndian(datagram[(pos + 2)..]) + 1) * 4;
            if (pos + length > datagram.Length)
                return false;
            pos += length;
        }
        return true;
    }

    /// <summary>The next packet; false at the end or when a length runs past the datagram.</summary>
    public bool TryRead(out RtcpPacket packet)
    {
        packet = default;
        if (_pos + 4 > _datagram.Length)
            return false;
        int length = (BinaryPrimitives.ReadUInt16BigEndian(_datagram[(_pos + 2)..]) + 1) * 4;
        if (_pos + length > _datagram.Length)
            return false;
        packet = new RtcpPacket(_datagram.Slice(_pos, length));
        _pos += length;
        return true;
    }
}
