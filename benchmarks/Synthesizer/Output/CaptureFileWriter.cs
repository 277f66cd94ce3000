using System.Buffers.Binary;

namespace PcapSipAnalyzer.Synthesizer.Output;

/// <summary>
/// Writes Ethernet frames as pcap records or pcapng Enhanced Packet Blocks into one large reused buffer.
/// Callers build the frame in place (<see cref="FrameSpace"/>) and then <see cref="Commit"/> it, so a frame
/// is never copied before it reaches the file.
/// </summary>
public sealed class CaptureFileWriter : IDisposable
{
    /// <summary>Largest frame a caller may ask for.</summary>
    public const int MaxFrameLength = 9216;

    public const int SnapLength = 262144;

    private const int BufferSize = 4 << 20;
    private const int PcapRecordHeader = 16;
    private const int EpbHeader = 28;

    private readonly Stream _output;
    private readonly CaptureFileFormat _format;
    private readonly int _recordHeader;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _position;
    private long _flushed;
    private int _lastFrameStart;
    private int _lastFrameLength;

    public CaptureFileWriter(Stream output, CaptureFileFormat format)
    {
        _output = output;
        _format = format;
        _recordHeader = format == CaptureFileFormat.Pcap ? PcapRecordHeader : EpbHeader;
        _position = format == CaptureFileFormat.Pcap ? WritePcapHeader(_buffer) : WritePcapngHeader(_buffer);
    }

    /// <summary>Frames written so far.</summary>
    public long PacketCount { get; private set; }

    /// <summary>Sum of the frames' lengths (without record headers).</summary>
    public long FrameBytes { get; private set; }

    /// <summary>Bytes of the file so far, headers included.</summary>
    public long FileBytes => _flushed + _position;

    /// <summary>Timestamp of the last frame, in nanoseconds since the Unix epoch.</summary>
    public long LastTimestamp { get; private set; }

    /// <summary>Timestamp of the first frame, or 0 when none was written.</summary>
    public long FirstTimestamp { get; private set; }

    /// <summary>Interface of the next records (pcapng; 0 = the one the header declares).</summary>
    public int InterfaceId { get; set; }

    /// <summary>Interfaces declared so far (pcapng).</summary>
    public int InterfaceCount { get; private set; } = 1;

    /// <summary>Declares one more Ethernet interface with ns timestamps (pcapng only); returns its id.</summary>
    public int AddInterface()
    {
        if (_format != CaptureFileFormat.Pcapng) throw new InvalidOperationException("interfaces need pcapng");
        if (_position + 32 > BufferSize) Flush();
        WriteInterfaceBlock(_buffer.AsSpan(_position));
        _position += 32;
        return InterfaceCount++;
    }

    /// <summary>The frame written by the last <see cref="Commit"/> (valid until the next frame is started).</summary>
    public ReadOnlySpan<byte> LastFrame => _buffer.AsSpan(_lastFrameStart, _lastFrameLength);

    /// <summary>Space for the next frame; the same span is returned until <see cref="Commit"/>.</summary>
    public Span<byte> FrameSpace(int maxLength)
    {
        if (_position + _recordHeader + maxLength + 8 > BufferSize) Flush();
        return _buffer.AsSpan(_position + _recordHeader, maxLength);
    }

    /// <summary>Writes the record header for the frame built in <see cref="FrameSpace"/> and moves past it.</summary>
    public void Commit(long timestampNs, int length)
    {
        var header = _buffer.AsSpan(_position);
        _lastFrameStart = _position + _recordHeader;
        _lastFrameLength = length;
        if (_format == CaptureFileFormat.Pcap)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(timestampNs / 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(timestampNs % 1_000_000_000 / 1000));
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)length);
            _position += PcapRecordHeader + length;
        }
        else
        {
            int padded = (length + 3) & ~3;
            int total = EpbHeader + padded + 4;
            BinaryPrimitives.WriteUInt32LittleEndian(header, 6);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)total);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)InterfaceId);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)((ulong)timestampNs >> 32));
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)timestampNs);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)length);
            header.Slice(EpbHeader + length, padded - length).Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header[(EpbHeader + padded)..], (uint)total);
            _position += total;
        }
        if (PacketCount == 0) FirstTimestamp = timestampNs;
        LastTimestamp = timestampNs;
        PacketCount++;
        FrameBytes += length;
    }

    /// <summary>
    /// Writes one record of <paramref name="length"/> bytes of <paramref name="fill"/> (longer than any frame a
    /// caller may build, so streamed straight to the output): a hostile capture's giant record.
    /// </summary>
    public void WriteLongRecord(long timestampNs, long length, byte fill)
    {
        Flush();
        Span<byte> header = stackalloc byte[EpbHeader];
        long padded = (length + 3) & ~3L;
        if (_format == CaptureFileFormat.Pcap)
        {
            header = header[..PcapRecordHeader];
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(timestampNs / 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(timestampNs % 1_000_000_000 / 1000));
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header, 6);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(EpbHeader + padded + 4));
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)((ulong)timestampNs >> 32));
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)timestampNs);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)length);
        }
        _output.Write(header);
        var chunk = new byte[1 << 20];
        chunk.AsSpan().Fill(fill);
        long body = _format == CaptureFileFormat.Pcap ? length : padded;
        for (long left = body; left > 0; left -= chunk.Length)
            _output.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        _flushed += header.Length + body;
        if (_format != CaptureFileFormat.Pcap)
        {
            Span<byte> trailer = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, (uint)(EpbHeader + padded + 4));
            _output.Write(trailer);
            _flushed += 4;
        }
        if (PacketCount == 0) FirstTimestamp = timestampNs;
        LastTimestamp = timestampNs;
        PacketCount++;
        FrameBytes += length;
    }

    public void Flush()
    {
        _output.Write(_buffer, 0, _position);
        _flushed += _position;
        _position = 0;
    }

    public void Dispose()
    {
        Flush();
        _output.Flush();
    }

    private static int WritePcapHeader(Span<byte> b)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(b, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(b[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(b[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(b[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(b[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(b[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(b[20..], 1);
        return 24;
    }

    private static int WritePcapngHeader(Span<byte> b)
    {
        // Section Header Block: no options, section length unknown (-1).
        BinaryPrimitives.WriteUInt32LittleEndian(b, 0x0A0D0D0A);
        BinaryPrimitives.WriteUInt32LittleEndian(b[4..], 28);
        BinaryPrimitives.WriteUInt32LittleEndian(b[8..], 0x1A2B3C4D);
        BinaryPrimitives.WriteUInt16LittleEndian(b[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(b[14..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(b[16..], -1);
        BinaryPrimitives.WriteUInt32LittleEndian(b[24..], 28);
        WriteInterfaceBlock(b[28..]);
        return 28 + 32;
    }

    /// <summary>Interface Description Block: Ethernet, if_tsresol = 9 so timestamps are nanoseconds.</summary>
    private static void WriteInterfaceBlock(Span<byte> idb)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(idb, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[4..], 32);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[8..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[10..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[12..], SnapLength);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[16..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[18..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[20..], 9);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[24..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[28..], 32);
    }
}
