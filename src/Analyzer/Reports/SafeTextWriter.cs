using System.Text;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// A text writer that passes everything through <see cref="ControlCharacters"/> on its way to the underlying
/// writer: the console report and the other text outputs write through it, so no escape sequence from a capture
/// reaches a terminal or a file whatever string a writer forgot to clean. Line feeds pass; the writer's own line
/// ends are line feeds.
/// </summary>
public sealed class SafeTextWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly bool _leaveOpen;

    public SafeTextWriter(TextWriter inner, bool leaveOpen = true)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        CoreNewLine = ['\n'];
    }

    public override Encoding Encoding => _inner.Encoding;
    public override IFormatProvider FormatProvider => _inner.FormatProvider;

    public override void Write(char value)
    {
        if (!ControlCharacters.IsUnsafe(value)) _inner.Write(value);
        else _inner.Write(ControlCharacters.Clean(value.ToString()));
    }

    public override void Write(string? value)
    {
        if (value is not null) _inner.Write(ControlCharacters.Clean(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        _inner.Write('\n');
    }

    public override void WriteLine() => _inner.Write('\n');

    public override void Flush() => _inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_leaveOpen) _inner.Flush();
            else _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
