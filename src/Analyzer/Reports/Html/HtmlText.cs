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
}
