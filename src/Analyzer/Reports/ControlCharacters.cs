using System.Globalization;
using System.Text;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Text from a packet is attacker-controlled: a scanner's User-Agent can carry ESC sequences that clear a terminal,
/// retitle it or move the cursor to hide lines, and bidirectional overrides reorder what a reader sees. Every text
/// output shows such characters as visible escapes (<c>\x1B</c>, <c>\u202E</c>) instead, through this one rule.
/// </summary>
public static class ControlCharacters
{
    /// <summary>True for what <see cref="Clean"/> replaces: C0 except line feed, DEL, C1, and the bidirectional controls.</summary>
    public static bool IsUnsafe(char c) =>
        (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') ||
        (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029';

    /// <summary><paramref name="text"/> with every unsafe character written as a visible escape; the same string when it has none.</summary>
    public static string Clean(string text)
    {
        int first = IndexOfUnsafe(text);
        if (first < 0) return text;
        var clean = new StringBuilder(text.Length + 8);
        clean.Append(text, 0, first);
        for (int i = first; i < text.Length; i++) Append(clean, text[i]);
        return clean.ToString();
    }

    /// <summary>Null stays null.</summary>
    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    internal static void Append(StringBuilder clean, char c)
    {
        if (!IsUnsafe(c)) clean.Append(c);
        else if (c <= 0xFF) clean.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
        else clean.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
    }

    private static int IndexOfUnsafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
            if (IsUnsafe(text[i])) return i;
        return -1;
    }
}
