using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>A 48-bit Ethernet address held in a ulong, so it can be a dictionary key without allocating.</summary>
public readonly record struct MacAddress(ulong Value)
{
    public static readonly MacAddress None = default;

    public static MacAddress Read(ReadOnlySpan<byte> six) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(six) << 32) | BinaryPrimitives.ReadUInt32BigEndian(six[2..]));

    public bool IsNone => Value == 0;

    /// <summary>Keyed per process, as every hash of a value taken from packets (see <see cref="PacketHash"/>).</summary>
    public override int GetHashCode() => PacketHash.Of(Value, 0);
    public bool IsBroadcast => Value == 0xFFFF_FFFF_FFFFUL;
    public bool IsMulticast => (Value & 0x0100_0000_0000UL) != 0;

    public override string ToString() => string.Create(17, Value, static (chars, v) =>
    {
        for (int i = 0; i < 6; i++)
        {
            byte b = (byte)(v >> (40 - 8 * i));
            chars[i * 3] = "0123456789abcdef"[b >> 4];
            chars[i * 3 + 1] = "0123456789abcdef"[b & 0xF];
            if (i < 5) chars[i * 3 + 2] = ':';
        }
    });

    public static MacAddress Parse(string text)
    {
        ulong v = 0;
        foreach (var part in text.Split(':', '-'))
            v = (v << 8) | Convert.ToByte(part, 16);
        return new MacAddress(v);
    }
}
