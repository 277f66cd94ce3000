using System.Net;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// Every string the HTML report shows passes here: markup characters become entities (in text, attribute values
/// and SVG alike, quotes included) and control characters visible escapes, so a User-Agent of
/// <c>&lt;script&gt;</c> is text on the page, never an element.
/// </summary>
internal static class HtmlText
{
    public static string Encode(string? text) => text is null ? "" : WebUtility.HtmlEncode(ControlCharacters.Clean(text));

    /// <summary>The same, cut to <paramref name="max"/> characters with an ellipsis: a header can be megabytes long, the page must stay small.</summary>
    public static string Encode(string? text, int max) => Encode(Short(text, max));

    public static string? Short(string? text, int max)
    {
        if (text is null || text.Length <= max) return text;
        int cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut] + "…";
    }
}
