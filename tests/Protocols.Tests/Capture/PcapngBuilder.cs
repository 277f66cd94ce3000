using System.Buffers.Binary;
using System.Text;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>Hand-made pcapng blocks in either byte order, for cases no public capture has.</summary>
internal sealed class PcapngBuilder
{
    private readonly MemoryStream _stream = new();
    private bool _bigEndian;

    public long Position => _stream.Position;

    public PcapngBuilder Shb(bool bigEndian = false, ushort major = 1)
    {
        _bigEndian = bigEndian;
        var body = new List<byte>();
        body.AddRange(U32(0x1A2B3C4D));
        body.AddRange(U16(major));
        body.AddRange(U16(0));
        body.AddRange(BitConverter.GetBytes(-1L));
        return Block(0x0A0D0D0A, body.ToArray());
    }

    public PcapngBuilder Idb(int linkType = 1, uint snapLength = 0, params (ushort Code, byte[] Value)[] options)
    {
        var body = new List<byte>();
        body.AddRange(U16((ushort)linkType));
        body.AddRange(U16(0));
        body.AddRange(U32(snapLength));
        body.AddRange(Options(options));
        return Block(1, body.ToArray());
    }

    public PcapngBuilder Epb(uint interfaceId, ulong ticks, byte[] data, uint? originalLength = null, params (ushort Code, byte[] Value)[] options) =>
        Packet(6, U32(interfaceId), ticks, data, originalLength, options);

    /// <summary>The obsolete Packet Block (type 2): a 16-bit interface id and a 16-bit drop count.</summary>
    public PcapngBuilder Pb(ushort interfaceId, ulong ticks, byte[] data, uint? originalLength = null) =>
        Packet(2, [.. U16(interfaceId), .. U16(0)], ticks, data, originalLength, []);

    public PcapngBuilder Spb(uint originalLength, byte[] data)
    {
        var body = new List<byte>(U32(originalLength));
        body.AddRange(Padded(data));
        return Block(3, body.ToArray());
    }

    /// <summary>Any block, framed correctly (padding, both lengths).</summary>
    public PcapngBuilder Block(uint type, byte[] body)
    {
        byte[] padded = Padded(body);
        uint total = (uint)(12 + padded.Length);
        _stream.Write(U32(type));
        _stream.Write(U32(total));
        _stream.Write(padded);
        _stream.Write(U32(total));
        return this;
    }

    /// <summary>Raw bytes, e.g. garbage or a block with a deliberately wrong length.</summary>
    public PcapngBuilder Raw(byte[] bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _stream.ToArray();

    public byte[] U32(uint value)
    {
        byte[] bytes = new byte[4];
        if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(bytes, value); else BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    public byte[] U16(ushort value)
    {
        byte[] bytes = new byte[2];
        if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(bytes, value); else BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    public byte[] I64(long value)
    {
        byte[] bytes = new byte[8];
        if (_bigEndian) BinaryPrimitives.WriteInt64BigEndian(bytes, value); else BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private PcapngBuilder Packet(uint type, byte[] interfaceField, ulong ticks, byte[] data, uint? originalLength, (ushort Code, byte[] Value)[] options)
    {
        var body = new List<byte>(interfaceField);
        body.AddRange(U32((uint)(ticks >> 32)));
        body.AddRange(U32((uint)ticks));
        body.AddRange(U32((uint)data.Length));
        body.AddRange(U32(originalLength ?? (uint)data.Length));
        body.AddRange(Padded(data));
        body.AddRange(Options(options));
        return Block(type, body.ToArray());
    }

    private byte[] Options((ushort Code, byte[] Value)[] options)
    {
        if (options.Length == 0)
        {
            return [];
        }

        var bytes = new List<byte>();
        foreach (var (code, value) in options)
        {
            bytes.AddRange(U16(code));
            bytes.AddRange(U16((ushort)value.Length));
            bytes.AddRange(Padded(value));
        }

        bytes.AddRange(new byte[4]);
        return bytes.ToArray();
    }

    private static byte[] Padded(byte[] data)
    {
        byte[] padded = new byte[(data.Length + 3) & ~3];
        data.CopyTo(padded, 0);
        return padded;
    }
}
