using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Rtp;

/// <summary>
/// One packet of an RTCP compound datagram, read in place: the common header (RFC 3550 §6.4) and views of the
/// body by packet type. <see cref="Count"/> is the report count (SR/RR), source count (SDES/BYE) or subtype (APP).
/// </summary>
public readonly ref struct RtcpPacket
{
    /// <summary>The whole packet, header included, padding included.</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    public RtcpPacket(ReadOnlySpan<byte> bytes) => Bytes = bytes;

    public bool Padding => (Bytes[0] & 0x20) != 0;
    public int Count => Bytes[0] & 0x1F;
    public byte PacketType => Bytes[1];
    /// <summary>SSRC of the sender (SR, RR, APP) or the first source (SDES, BYE); 0 when absent.</summary>
    public uint Ssrc => Bytes.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(Bytes[4..]) : 0;

    /// <summary>Sender info of an SR; false for other types or when it does not fit.</summary>
    public bool TryGetSenderInfo(out RtcpSenderInfo info)
    {
        info = default;
        if (PacketType != RtcpPacketType.SenderReport || Bytes.Length < 8 + RtcpSenderInfo.Length)
            return false;
        info = RtcpSenderInfo.Read(Bytes[8..]);
        return true;
    }

    /// <summary>Number of report blocks actually present (SR/RR), never more than fit in the packet.</summary>
    public int ReportBlockCount
    {
        get
        {
            int start = ReportBlocksOffset;
            if (start < 0 || start > Bytes.Length)
                return 0;
            return Math.Min(Count, (Bytes.Length - start) / RtcpReportBlock.Length);
        }
    }

    /// <summary>The i-th report block of an SR or RR.</summary>
    public RtcpReportBlock GetReportBlock(int index)
    {
        if ((uint)index >= (uint)ReportBlockCount)
            throw new ArgumentOutOfRangeException(nameof(index));
        return RtcpReportBlock.Read(Bytes.Slice(ReportBlocksOffset + index * RtcpReportBlock.Length, RtcpReportBlock.Length));
    }

    /// <summary>The SDES chunks (SDES only; empty otherwise).</summary>
    public RtcpSdesReader SourceDescription =>
        new(PacketType == RtcpPacketType.SourceDescription ? Bytes[4..] : default, Count);

    /// <summary>The SSRCs leaving (BYE only), at most as many as fit.</summary>
    public int GoodbyeSourceCount =>
        PacketType == RtcpPacketType.Goodbye ? Math.Min(Count, (Bytes.Length - 4) / 4) : 0;

    public uint GetGoodbyeSource(int index)
    {
        if ((uint)index >= (uint)GoodbyeSourceCount)
            throw new ArgumentOutOfRangeException(nameof(index));
        return BinaryPrimitives.ReadUInt32BigEndian(Bytes[(4 + 4 * index)..]);
    }

    /// <summary>The BYE reason text (UTF-8 bytes), empty when absent.</summary>
    public ReadOnlySpan<byte> GoodbyeReason
    {
        get
        {
            if (PacketType != RtcpPacketType.Goodbye)
                return default;
            int at = 4 + 4 * Count;
            if (at >= Bytes.Length)
                return default;
            int len = Bytes[at];
            return at + 1 + len <= Bytes.Length ? Bytes.Slice(at + 1, len) : default;
        }
    }

    /// <summary>The four-character name of an APP packet, empty otherwise.</summary>
    public ReadOnlySpan<byte> ApplicationName =>
        PacketType == RtcpPacketType.ApplicationDefined && Bytes.Length >= 12 ? Bytes.Slice(8, 4) : default;

    /// <summary>The application data of an APP packet.</summary>
    public ReadOnlySpan<byte> ApplicationData =>
        PacketType == RtcpPacketType.ApplicationDefined && Bytes.Length >= 12 ? Bytes[12..] : default;

    private int ReportBlocksOffset => PacketType switch
    {
        RtcpPacketType.SenderReport => 8 + RtcpSenderInfo.Length,
        RtcpPacketType.ReceiverReport => 8,
        _ => -1,
    };
}
