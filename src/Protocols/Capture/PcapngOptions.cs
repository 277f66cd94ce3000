using System.Buffers.Binary;
using System.Text;

namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// Walks a pcapng option area (<c>foreach (var option in new PcapngOptions(span, bigEndian))</c>) without
/// allocating. Stops at opt_endofopt or at the first option whose length runs past the area, so a damaged
/// option list yields its good prefix.
/// </summary>
public ref struct PcapngOptions
{
    private ReadOnlySpan<byte> _rest;
    private readonly bool _bigEndian;
    private PcapngOption _current;

    public PcapngOptions(ReadOnlySpan<byte> options, bool bigEndian)
    {
        _rest = options;
        _bigEndian = bigEndian;
        _current = default;
    }

    public readonly PcapngOptions GetEnumerator() => this;

    public readonly PcapngOption Current => _current;

    public bool MoveNext()
    {
        if (_rest.Length < 4)
        {
            return false;
        }

        ushort code = Read16(_rest);
        int length = Read16(_rest[2..]);
        if (code == PcapngOptionCode.EndOfOptions || 4 + length > _rest.Length)
        {
            _rest = default;
            return false;
        }

        _current = new PcapngOption(code, _rest.Slice(4, length));
        // Values are padded to 32 bits; a last option may omit its padding.
        int advance = Math.Min(_rest.Length, 4 + ((length + 3) & ~3));
        _rest = _rest[advance..];
        return true;
    }

    private readonly ushort Read16(ReadOnlySpan<byte> bytes) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    /// <summary>The opt_comment strings of an option area (UTF-8), in file order. Allocates: off the hot path.</summary>
    public static List<string> Comments(ReadOnlySpan<byte> options, bool bigEndian)
    {
        var comments = new List<string>();
        foreach (var option in new PcapngOptions(options, bigEndian))
        {
            if (option.Code == PcapngOptionCode.Comment)
            {
                comments.Add(Text(option.Value));
            }
        }

        return comments;
    }

    /// <summary>
    /// A string option's text. Some writers store a C string with a NUL and junk after it inside the
    /// option length; like Wireshark, the text ends at the first NUL.
    /// </summary>
    public static string Text(ReadOnlySpan<byte> value)
    {
        int nul = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? value[..nul] : value);
    }

    /// <summary>The opt_comment strings of a packet's EPB/PB (empty for pcap and SPB).</summary>
    public static List<string> Comments(in CapturedPacket packet) => Comments(packet.Options, packet.OptionsBigEndian);
}
