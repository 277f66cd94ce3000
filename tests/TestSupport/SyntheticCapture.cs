using System.Buffers.Binary;
using System.IO.Compression;
using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// Captures made up in memory for tests and benchmarks: many identical-shaped Ethernet/IPv4/UDP frames with
/// rising timestamps, as classic pcap (µs or ns), pcapng (through <see cref="PcapngWriter"/>) or gzip.
/// </summary>
public static class SyntheticCapture
{
    /// <summary>1 Jan 2024 00:00:00 UTC: a plausible capture start.</summary>
    public const long StartNs = 1_704_067_200_000_000_000;

    /// <summary>Spacing of the packets' timestamps (20 ms, an RTP packet interval), plus a few ns to check precision.</summary>
    public const long SpacingNs = 20_000_123;

    public static byte[] Pcap(int packets, int frameLength = 100, bool nanosecond = false)
    {
        using var stream = new MemoryStream();
        WritePcap(stream, packets, frameLength, nanosecond);
        return stream.ToArray();
    }

    /// <summary>Streams a little-endian pcap of <paramref name="packets"/> frames to <paramref name="stream"/>.</summary>
    public static void WritePcap(Stream stream, long packets, int frameLength = 100, bool nanosecond = false)
    {
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, nanosecond ? 0xA1B23C4D : 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 262144);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        stream.Write(header);

        byte[] record = new byte[16 + frameLength];
        for (long i = 0; i < packets; i++)
        {
            long ns = StartNs + i * SpacingNs;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(ns / 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(ns % 1_000_000_000 / (nanosecond ? 1 : 1000)));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)frameLength);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)frameLength);
            Frame(record.AsSpan(16), i);
            stream.Write(record);
        }
    }

    /// <summary>A little-endian pcap of the given frames (Ethernet unless <paramref name="linkType"/> says otherwise), <see cref="SpacingNs"/> apart.</summary>
    public static byte[] PcapOf(IEnumerable<byte[]> frames, int linkType = 1) =>
        PcapOf(frames.Select((frame, i) => (StartNs + i * SpacingNs, frame)), linkType);

    /// <summary>A little-endian pcap (microseconds) of the given frames, each at its own time (ns since the epoch).</summary>
    public static byte[] PcapOf(IEnumerable<(long Ns, byte[] Frame)> frames, int linkType = 1)
    {
        using var stream = new MemoryStream();
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 262144);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        stream.Write(header);
        Span<byte> record = stackalloc byte[16];
        foreach (var (ns, frame) in frames)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(ns / 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(ns % 1_000_000_000 / 1000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
            stream.Write(record);
            stream.Write(frame);
        }
        return stream.ToArray();
    }

    public static byte[] Pcapng(int packets, int frameLength = 100, string? comment = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapngWriter(stream, leaveOpen: true))
        {
            writer.AddInterface(new CaptureInterface { Id = 0, LinkType = 1, SnapLength = 262144, Name = "eth0" });
            byte[] frame = new byte[frameLength];
            for (int i = 0; i < packets; i++)
            {
                Frame(frame, i);
                if (comment is null)
                {
                    writer.WritePacket(0, StartNs + i * SpacingNs, frame, frameLength);
                }
                else
                {
                    writer.WritePacket(0, StartNs + i * SpacingNs, frame, frameLength, comment);
                }
            }
        }

        return stream.ToArray();
    }

    public static byte[] Gzip(byte[] capture)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(capture);
        }

        return stream.ToArray();
    }

    /// <summary>Ethernet / IPv4 / UDP 5060 headers, then a counter so every frame differs.</summary>
    private static void Frame(Span<byte> frame, long index)
    {
        frame.Clear();
        if (frame.Length < 42)
        {
            return;
        }

        frame[0] = 0x02;
        frame[6] = 0x02;
        frame[11] = 1;
        frame[12] = 0x08; // IPv4
        frame[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(frame[16..], (ushort)(frame.Length - 14));
        frame[22] = 64;
        frame[23] = 17; // UDP
        frame[26] = 192; frame[27] = 168; frame[28] = 0; frame[29] = 10;
        frame[30] = 192; frame[31] = 168; frame[32] = 1; frame[33] = 20;
        BinaryPrimitives.WriteUInt16BigEndian(frame[34..], 5060);
        BinaryPrimitives.WriteUInt16BigEndian(frame[36..], 5060);
        BinaryPrimitives.WriteUInt16BigEndian(frame[38..], (ushort)(frame.Length - 34));
        if (frame.Length >= 50)
        {
            BinaryPrimitives.WriteInt64BigEndian(frame[42..], index);
        }
    }
}
