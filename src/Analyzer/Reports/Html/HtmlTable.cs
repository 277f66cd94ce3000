using System.Globalization;
using System.Text;
using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>
/// One of the report's tables (the rows the CSV and Parquet writers write, same columns, same names) as an HTML
/// table, at most <see cref="MaxRows"/> rows with the rest counted: the page stays small whatever the capture.
/// </summary>
internal static class HtmlTable
{
    public const int MaxRows = 200;
    /// <summary>Characters shown of one cell (a Call-ID or User-Agent can be as long as a header).</summary>
    private const int MaxCell = 300;

    public static void Write<TRow>(StringBuilder html, string title, IReadOnlyList<TRow> rows)
    {
        var columns = TableSchema<TRow>.Columns;
        html.Append("<h3>").Append(HtmlText.Encode(title)).Append(CultureInfo.InvariantCulture, $" <span class=\"count\">({rows.Count})</span></h3>\n");
        if (rows.Count == 0)
        {
            html.Append("<p class=\"none\">none</p>\n");
            return;
        }
        html.Append("<div class=\"scroll\"><table><thead><tr>");
        foreach (var c in columns) html.Append("<th>").Append(HtmlText.Encode(c.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var row in rows.Take(MaxRows))
        {
            html.Append("<tr>");
            foreach (var c in columns)
                html.Append("<td>").Append(HtmlText.Encode(Cell(c.Get(row!)), MaxCell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></div>\n");
        if (rows.Count > MaxRows)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"more\">… and {rows.Count - MaxRows} more rows (all of them in --csv, --parquet and --json).</p>\n");
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
