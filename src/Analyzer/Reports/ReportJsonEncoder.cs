using System.Text.Encodings.Web;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The JSON outputs' encoder: markup and non-ASCII text stay readable (the relaxed encoder), and every character
/// <see cref="ControlCharacters"/> treats as unsafe is a <c>\uXXXX</c> escape. The relaxed encoder already escapes
/// C0 and C1, but lets the bidirectional controls through, so a captured User-Agent could reorder what a reader of
/// <c>report.json</c> sees in a terminal or editor.
/// </summary>
public sealed class ReportJsonEncoder : JavaScriptEncoder
{
    public static readonly ReportJsonEncoder Instance = new();

    private static readonly JavaScriptEncoder Relaxed = UnsafeRelaxedJsonEscaping;

    private ReportJsonEncoder() { }

    public override int MaxOutputCharactersPerInputCharacter => Math.Max(Relaxed.MaxOutputCharactersPerInputCharacter, 6);

    public override bool WillEncode(int unicodeScalar) =>
        (unicodeScalar <= char.MaxValue && ControlCharacters.IsUnsafe((char)unicodeScalar)) || Relaxed.WillEncode(unicodeScalar);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        int relaxed = Relaxed.FindFirstCharacterToEncode(text, textLength);
        int limit = relaxed < 0 ? textLength : relaxed;
        for (int i = 0; i < limit; i++)
            if (ControlCharacters.IsUnsafe(span[i])) return i;
        return relaxed;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (unicodeScalar > char.MaxValue || !ControlCharacters.IsUnsafe((char)unicodeScalar))
            return Relaxed.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
        numberOfCharactersWritten = 0;
        if (bufferLength < 6) return false;
        var output = new Span<char>(buffer, 6);
        output[0] = '\\';
        output[1] = 'u';
        ((ushort)unicodeScalar).TryFormat(output[2..], out _, "X4");
        numberOfCharactersWritten = 6;
        return true;
    }
}
