using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Rtp;

/// <summary>
/// The fixed RTP header (RFC 3550 §5.1) of one datagram, read in place. <see cref="PayloadOffset"/> skips the
/// CSRC list and the header extension; <see cref="PayloadLength"/> excludes the padding.
/// </summary>
public readonly struct RtpHeader
{
    /// <summary>Size of the fixed header without CSRCs.</summary>
    public const int FixedLength = 12;

    public byte Version { get; init; }
    public bool Padding { get; init; }
    public bool Extension { get; init; }
    public byte CsrcCount { get; init; }
    public bool Marker { get; init; }
    public byte PayloadType { get; init; }
    public ushort SequenceNumber { get; init; }
    public uint Timestamp { get; init; }
    public uint Ssrc { get; init; }
    /// <summary>Where the payload starts: after the CSRC list and the extension.</summary>
    public int PayloadOffset { get; init; }
    /// <summary>Payload bytes, padding excluded.</summary>
    public int PayloadLength { get; init; }
    /// <summary>The padding count from the last byte (0 without the P bit).</summary>
    public byte PaddingCount { get; init; }

    /// <summary>
    /// Reads an RTP version 2 header. False when the bytes cannot be RTP: too short, another version, or a CSRC
    /// list or extension running past the end.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out RtpHeader header)
    {
        header = default;
        if (datagram.Length < FixedLength)
            return false;
        byte b0 = datagram[0];
        byte b1 = datagram[1];
        int version = b0 >> 6;
        if (version != 2)
            return false;
        int csrc = b0 & 0x0F;
        int offset = FixedLength + 4 * csrc;
        bool extension = (b0 & 0x10) != 0;
        if (offset > datagram.Length)
            return false;
        if (extension)
        {
            if (offset + 4 > datagram.Length)
                return false;
            int words = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
            offset += 4 + 4 * words;
            if (offset > datagram.Length)
                return false;
        }
        bool padding = (b0 & 0x20) != 0;
        int paddingCount = 0;
        if (padding)
        {
            paddingCount = datagram[^1];
            // RFC 3550: the count includes itself, so 0 is invalid, and it cannot reach into the header. A bad
            // count is read as no padding (Wireshark flags it but still counts the packet in its stream).
            if (paddingCount == 0 || offset + paddingCount > datagram.Length)
                paddingCount = 0;
        }
        header = new RtpHeader
        {
            Version = (byte)version,
            Padding = padding,
            Extension = extension,
            CsrcCount = (byte)csrc,
            Marker = (b1 & 0x80) != 0,
            PayloadType = (byte)(b1 & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]),
            PayloadOffset = offset,
            PayloadLength = datagram.Length - offset - paddingCount,
            PaddingCount = (byte)paddingCount,
        };
        return true;
    }
}
