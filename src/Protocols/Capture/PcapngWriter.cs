using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// Writes a little-endian pcapng stream: one section (shb_userappl "pcapsip"), interfaces as they are added
/// (if_tsresol 9, so ns timestamps survive), and Enhanced Packet Blocks with optional opt_comment options —
/// what <c>--annotate</c> needs so Wireshark shows and filters (<c>frame.comment</c>) the tool's remarks.
/// Blocks are assembled in a pooled buffer; writing a packet allocates nothing.
/// </summary>
public sealed class PcapngWriter : IDisposable
{
    private const int BufferSize = 1 << 16;
    private const byte NanosecondResolution = 9;
    private const int MaxOptionLength = ushort.MaxValue;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;
    private int _interfaces;
    private bool _disposed;

    public PcapngWriter(Stream stream, bool leaveOpen = false, string application = "pcapsip")
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        WriteSectionHeader(application);
    }

    /// <summary>Interfaces added so far; ids for <see cref="WritePacket(int, long, ReadOnlySpan{byte}, int, ReadOnlySpan{string})"/> are 0..n-1.</summary>
    public int InterfaceCount => _interfaces;

    /// <summary>Writes an Interface Description Block and returns its id.</summary>
    public int AddInterface(CaptureInterface captureInterface)
    {
        ArgumentNullException.ThrowIfNull(captureInterface);
        int optionsLength = StringOptionLength(captureInterface.Name) + StringOptionLength(captureInterface.Description)
            + OptionLength(1) + (captureInterface.FcsLength >= 0 ? OptionLength(1) : 0) + 4;
        int start = BeginBlock(PcapngBlockType.InterfaceDescription, 8 + optionsLength);
        PutU16((ushort)captureInterface.LinkType);
        PutU16(0);
        PutU32((uint)Math.Max(captureInterface.SnapLength, 0));
        PutStringOption(PcapngOptionCode.IfName, captureInterface.Name);
        PutStringOption(PcapngOptionCode.IfDescription, captureInterface.Description);
        PutOption(PcapngOptionCode.IfTimestampResolution, [NanosecondResolution]);
        if (captureInterface.FcsLength >= 0)
        {
            PutOption(PcapngOptionCode.IfFcsLength, [(byte)captureInterface.FcsLength]);
        }

        PutU32(0); // opt_endofopt
        EndBlock(start);
        return _interfaces++;
    }

    /// <summary>Writes one packet with a ns timestamp and any number of comments (opt_comment each).</summary>
    public void WritePacket(int interfaceId, long timestampNs, ReadOnlySpan<byte> data, int originalLength, params ReadOnlySpan<string> comments) =>
        WritePacket(interfaceId, timestampNs, data, originalLength, default, false, comments);

    /// <summary>
    /// Copies a packet as read, keeping the opt_comment options it already had, then adding
    /// <paramref name="comments"/>.
    /// </summary>
    public void WritePacket(in CapturedPacket packet, int interfaceId, params ReadOnlySpan<string> comments) =>
        WritePacket(interfaceId, packet.TimestampNs, packet.Data, packet.OriginalLength, packet.Options, packet.OptionsBigEndian, comments);

    private void WritePacket(int interfaceId, long timestampNs, ReadOnlySpan<byte> data, int originalLength,
        ReadOnlySpan<byte> existingOptions, bool existingBigEndian, ReadOnlySpan<string> comments)
    {
        if ((uint)interfaceId >= (uint)_interfaces)
        {
            throw new ArgumentOutOfRangeException(nameof(interfaceId), interfaceId, "no such interface was added");
        }

        int optionsLength = 0;
        foreach (var option in new PcapngOptions(existingOptions, existingBigEndian))
        {
            optionsLength += option.Code == PcapngOptionCode.Comment ? OptionLength(option.Value.Length) : 0;
        }

        foreach (string comment in comments)
        {
            optionsLength += StringOptionLength(comment);
        }

        if (optionsLength > 0)
        {
            optionsLength += 4; // opt_endofopt
        }

        int start = BeginBlock(PcapngBlockType.EnhancedPacket, 20 + Pad(data.Length) + optionsLength);
        ulong ticks = unchecked((ulong)timestampNs);
        PutU32((uint)interfaceId);
        PutU32((uint)(ticks >> 32));
        PutU32((uint)ticks);
        PutU32((uint)data.Length);
        PutU32((uint)Math.Max(originalLength, data.Length));
        PutPadded(data);
        foreach (var option in new PcapngOptions(existingOptions, existingBigEndian))
        {
            if (option.Code == PcapngOptionCode.Comment)
            {
                PutOption(PcapngOptionCode.Comment, option.Value);
            }
        }

        foreach (string comment in comments)
        {
            PutStringOption(PcapngOptionCode.Comment, comment);
        }

        if (optionsLength > 0)
        {
            PutU32(0);
        }

        EndBlock(start);
    }

    /// <summary>Pushes buffered blocks to the stream and flushes it.</summary>
    public void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Flush();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void WriteSectionHeader(string application)
    {
        int start = BeginBlock(PcapngBlockType.SectionHeader, 16 + StringOptionLength(application) + 4);
        PutU32(PcapngLayout.ByteOrderMagic);
        PutU16(PcapngLayout.SupportedMajorVersion);
        PutU16(0);
        PutU32(uint.MaxValue); // section length: not specified (-1)
        PutU32(uint.MaxValue);
        PutStringOption(PcapngOptionCode.ShbUserApplication, application);
        PutU32(0);
        EndBlock(start);
    }

    /// <summary>Reserves room for a whole block with <paramref name="bodyLength"/> bytes and writes its head.</summary>
    private int BeginBlock(uint type, int bodyLength)
    {
        int total = PcapngLayout.BlockOverhead + bodyLength;
        if (_buffer.Length - _used < total)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
            if (_buffer.Length < total)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(total);
            }
        }

        int start = _used;
        PutU32(type);
        PutU32((uint)total);
        return start;
    }

    private void EndBlock(int start)
    {
        uint total = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(start + 4));
        PutU32(total);
    }

    private static int Pad(int length) => (length + 3) & ~3;

    private static int OptionLength(int valueLength) => 4 + Pad(valueLength);

    private static int StringOptionLength(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        int bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > MaxOptionLength)
        {
            throw new ArgumentException($"a pcapng option holds at most {MaxOptionLength} bytes; this string needs {bytes}", nameof(value));
        }

        return OptionLength(bytes);
    }

    private void PutStringOption(ushort code, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        int length = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used + 4));
        PutU16(code);
        PutU16((ushort)length);
        _used += length;
        PutZeros(Pad(length) - length);
    }

    private void PutOption(ushort code, ReadOnlySpan<byte> value)
    {
        PutU16(code);
        PutU16((ushort)value.Length);
        PutPadded(value);
    }

    private void PutPadded(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
        PutZeros(Pad(bytes.Length) - bytes.Length);
    }

    private void PutZeros(int count)
    {
        _buffer.AsSpan(_used, count).Clear();
        _used += count;
    }

    private void PutU16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_used), value);
        _used += 2;
    }

    private void PutU32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_used), value);
        _used += 4;
    }
}
