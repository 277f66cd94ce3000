using System.Buffers.Text;
using System.Text;

namespace PcapSipAnalyzer.Synthesizer.Wire;

/// <summary>A reusable ASCII buffer that SIP and SDP text is built in, so messages cost no strings.</summary>
public sealed class AsciiText
{
    private byte[] _buffer = new byte[8192];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public AsciiText Clear()
    {
        Length = 0;
        return this;
    }

    public AsciiText Append(string text)
    {
        Ensure(text.Length);
        Length += Encoding.ASCII.GetBytes(text, _buffer.AsSpan(Length));
        return this;
    }

    public AsciiText Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
        return this;
    }

    public AsciiText Append(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(Length), out int written);
        Length += written;
        return this;
    }

    /// <summary>Appends <paramref name="digits"/> lowercase hex digits of <paramref name="value"/>.</summary>
    public AsciiText AppendHex(ulong value, int digits)
    {
        Ensure(digits);
        for (int i = digits - 1; i >= 0; i--)
        {
            _buffer[Length + i] = (byte)"0123456789abcdef"[(int)(value & 0xF)];
            value >>= 4;
        }
        Length += digits;
        return this;
    }

    public AsciiText Line(string text) => Append(text).Crlf();

    public AsciiText Crlf()
    {
        Ensure(2);
        _buffer[Length++] = (byte)'\r';
        _buffer[Length++] = (byte)'\n';
        return this;
    }

    private void Ensure(int more)
    {
        if (Length + more > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + more));
    }
}
