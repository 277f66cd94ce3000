using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Rtp;

/// <summary>One reception report block of an SR or RR (RFC 3550 §6.4.1): what a receiver says about one source.</summary>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint HighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    public const int Length = 24;

    /// <summary>Fraction lost as a percentage (the field is in 1/256 units).</summary>
    public double FractionLostPercent => FractionLost * 100.0 / 256.0;

    /// <summary>Reads a 24-byte block; the cumulative loss is a signed 24-bit number (duplicates make it negative).</summary>
    public static RtcpReportBlock Read(ReadOnlySpan<byte> block)
    {
        int lost = (block[5] << 16) | (block[6] << 8) | block[7];
        if ((lost & 0x800000) != 0)
            lost -= 0x1000000;
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(block),
            block[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(block[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[20..]));
    }
}
