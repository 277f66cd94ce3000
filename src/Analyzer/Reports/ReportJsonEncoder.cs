using System.Buffers;
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

    // The ASCII characters neither rule encodes. Nearly every string of a report (names, addresses, Call-IDs,
    // timestamps) is made of them alone, and the writer asks about each property name and value: one vectorised
    // scan answers for those. Without it a UTF-8 value went through the base class's scalar-by-scalar walk, and a
    // UTF-16 one through the relaxed encoder and a loop per character.
    private static readonly SearchValues<char> PlainChars = SearchValues.Create(PlainAscii().Select(b => (char)b).ToArray());
    private static readonly SearchValues<byte> PlainBytes = SearchValues.Create(PlainAscii());

    private ReportJsonEncoder() { }

    private static byte[] PlainAscii()
    {
        var plain = new List<byte>();
        for (int c = 0; c < 0x80; c++)
            if (!ControlCharacters.IsUnsafe((char)c) && !Relaxed.WillEncode(c)) plain.Add((byte)c);
        return plain.ToArray();
    }

    public override int MaxOutputCharactersPerInputCharacter => Math.Max(Relaxed.MaxOutputCharactersPerInputCharacter, 6);

    public override bool WillEncode(int unicodeScalar) =>
        (unicodeScalar <= char.MaxValue && ControlCharacters.IsUnsafe((char)unicodeScalar)) || Relaxed.WillEncode(unicodeScalar);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        int plain = new ReadOnlySpan<char>(text, textLength).IndexOfAnyExcept(PlainChars);
        if (plain < 0) return -1;
        // What precedes the first other character is plain: the rules start there.
        int first = FindByRules(text + plain, textLength - plain);
        return first < 0 ? -1 : plain + first;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        int plain = utf8Text.IndexOfAnyExcept(PlainBytes);
        if (plain < 0) return -1;
        // Plain bytes are whole characters, so the rest starts on a character's first byte.
        int first = base.FindFirstCharacterToEncodeUtf8(utf8Text[plain..]);
        return first < 0 ? -1 : plain + first;
    }

    /// <summary>The first character the rules encode, without the plain-ASCII scan (for the tests that hold the scan to them).</summary>
    internal static unsafe int FindByRules(char* text, int textLength)
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
