using System.Text;

namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>Looks up ";name[=value]" header parameters (names case-insensitive, values token or quoted).</summary>
internal static class SipParameters
{
    /// <summary>
    /// Finds parameter <paramref name="name"/> in <paramref name="parameters"/> (the text from the first ';').
    /// <paramref name="value"/> is empty for a parameter without '='.
    /// </summary>
    public static bool TryGet(ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var items = new SipParameterReader(parameters);
        while (items.MoveNext())
        {
            if (Ascii.EqualsIgnoreCase(items.Name, name))
            {
                value = items.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The parameter as text (unquoted), null when absent.</summary>
    public static string? GetText(ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> name, SipText.StringCache? cache = null) =>
        TryGet(parameters, name, out var value) ? SipText.Unquote(value, cache) : null;

    /// <summary>The parameter as a non-negative integer, null when absent or not a number.</summary>
    public static int? GetInt(ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> name) =>
        TryGet(parameters, name, out var value) && SipText.TryParseInt(SipText.StripQuotes(value), out int n) ? n : null;
}
