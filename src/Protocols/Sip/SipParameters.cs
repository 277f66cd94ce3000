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
        var rest = parameters;
        while (!rest.IsEmpty)
        {
            int semi = SipText.IndexOfUnquoted(rest, (byte)';', skipAngles: false);
            var item = semi < 0 ? rest : rest[..semi];
            rest = semi < 0 ? default : rest[(semi + 1)..];
            int eq = item.IndexOf((byte)'=');
            var itemName = SipText.Trim(eq < 0 ? item : item[..eq]);
            if (Ascii.EqualsIgnoreCase(itemName, name))
            {
                value = eq < 0 ? default : SipText.Trim(item[(eq + 1)..]);
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The parameter as text (unquoted), null when absent.</summary>
    public static string? GetText(ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> name) =>
        TryGet(parameters, name, out var value) ? SipText.Unquote(value) : null;

    /// <summary>The parameter as a non-negative integer, null when absent or not a number.</summary>
    public static int? GetInt(ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> name) =>
        TryGet(parameters, name, out var value) && SipText.TryParseInt(SipText.StripQuotes(value), out int n) ? n : null;
}
