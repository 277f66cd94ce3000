using System.Buffers.Binary;
using System.Net;

namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// An IPv4 or IPv6 address as two ulongs: a value type that is hashed and compared without allocating,
/// unlike <see cref="IPAddress"/>. IPv4 is stored in <see cref="Low"/> with <see cref="High"/> = 0 and
/// <see cref="IsV6"/> false.
/// </summary>
public readonly record struct NetAddress(ulong High, ulong Low, bool IsV6)
{
    public static readonly NetAddress None = default;

    public bool IsNone => !IsV6 && High == 0 && Low == 0;

    /// <summary>
    /// Keyed per process (<see cref="PacketHash"/>): addresses come from packets, and a hash an attacker can
    /// predict lets crafted addresses collide and make every table lookup a walk (the generated hash folded each
    /// ulong to low ^ high, so 2^32 IPv6 addresses shared one value).
    /// </summary>
    public override int GetHashCode() => PacketHash.Of(Low, High ^ (IsV6 ? 1UL << 63 : 0));

    public static NetAddress FromV4(ReadOnlySpan<byte> four) => new(0, BinaryPrimitives.ReadUInt32BigEndian(four), false);

    public static NetAddress FromV4(uint value) => new(0, value, false);

    public static NetAddress FromV6(ReadOnlySpan<byte> sixteen) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(sixteen), BinaryPrimitives.ReadUInt64BigEndian(sixteen[8..]), true);

    /// <summary>The IPv4 address as a host-order uint (only meaningful when !IsV6).</summary>
    public uint V4 => (uint)Low;

    public IPAddress ToIPAddress()
    {
        if (!IsV6)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b, (uint)Low);
            return new IPAddress(b);
        }
        Span<byte> s = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(s, High);
        BinaryPrimitives.WriteUInt64BigEndian(s[8..], Low);
        return new IPAddress(s);
    }

    public static NetAddress FromIPAddress(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out int n);
        return n == 4 ? FromV4(b) : FromV6(b);
    }

    public static NetAddress Parse(string text) => FromIPAddress(IPAddress.Parse(text));

    public static bool TryParse(ReadOnlySpan<char> text, out NetAddress address)
    {
        // Every SDP's connection address is parsed, and IPAddress made an object of each. Plain dotted decimal is
        // read here; anything else (IPv6, and the forms IPAddress also takes for IPv4: fewer parts, octal or hex)
        // goes to IPAddress, so the answer is always IPAddress's.
        if (TryParseDottedDecimal(text, out uint v4))
        {
            address = FromV4(v4);
            return true;
        }
        if (IPAddress.TryParse(text, out var ip))
        {
            address = FromIPAddress(ip);
            return true;
        }
        address = None;
        return false;
    }

    // Four decimal parts of 0-255, none with a leading zero (IPAddress would read it as octal): what IPAddress
    // reads the same way.
    private static bool TryParseDottedDecimal(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        int part = 0, digits = 0, current = 0;
        foreach (char c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || ++part > 3) return false;
                value = value << 8 | (uint)current;
                digits = current = 0;
                continue;
            }
            if (c is < '0' or > '9' || (digits == 1 && current == 0) || ++digits > 3) return false;
            current = current * 10 + (c - '0');
            if (current > 255) return false;
        }
        if (part != 3 || digits == 0) return false;
        value = value << 8 | (uint)current;
        return true;
    }

    public override string ToString() => IsNone ? "" : IsV6 ? ToIPAddress().ToString() : FormatV4((uint)Low);

    // Dotted decimal as IPAddress writes it, without the IPAddress object: reports and findings format an
    // address per transaction, message and ICMP error.
    private static string FormatV4(uint v)
    {
        Span<char> chars = stackalloc char[15];
        return new string(chars[..WriteV4(v, chars)]);
    }

    private static int WriteV4(uint v, Span<char> chars)
    {
        int n = 0;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            uint octet = (v >> shift) & 0xFF;
            if (octet >= 100) chars[n++] = (char)('0' + octet / 100);
            if (octet >= 10) chars[n++] = (char)('0' + octet / 10 % 10);
            chars[n++] = (char)('0' + octet % 10);
            if (shift != 0) chars[n++] = '.';
        }
        return n;
    }

    /// <summary>"ip:port", with brackets around IPv6 addresses as SIP and URLs write them.</summary>
    public string ToString(int port)
    {
        if (IsV6) return $"[{this}]:{port}";
        // One string, not the address's and then the joined one: this runs for every SIP message.
        Span<char> chars = stackalloc char[32];
        int n = WriteV4((uint)Low, chars);
        chars[n++] = ':';
        port.TryFormat(chars[n..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        return new string(chars[..(n + written)]);
    }
}
