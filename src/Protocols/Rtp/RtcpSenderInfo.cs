using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Rtp;

/// <summary>The sender information of an SR (RFC 3550 §6.4.1).</summary>
public readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    public const int Length = 20;

    public static RtcpSenderInfo Read(ReadOnlySpan<byte> info) => new(
        BinaryPrimitives.ReadUInt64BigEndian(info),
        BinaryPrimitives.ReadUInt32BigEndian(info[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(info[12..]),
        BinaryPrimitives.ReadUInt32BigEndian(info[16..]));
}
