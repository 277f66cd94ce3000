namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// A console table's text column: as wide as its longest value between a least and a most width, each value
/// padded to it, and one longer than the most cut with "…", so that one long value does not push its row out of line
/// nor a table of short ones grow wide.
/// </summary>
internal static class ConsoleColumn
{
    /// <summary>The width of a column holding <paramref name="values"/>: their longest, within [least, most].</summary>
    public static int WidthOf(IEnumerable<string> values, int least, int most)
    {
        int width = least;
        foreach (var v in values) width = Math.Max(width, Math.Min(v.Length, most));
        return width;
    }

    /// <summary>The value as is when it fits, else its first <paramref name="width"/> − 1 characters and "…".</summary>
    public static string Fit(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";

    /// <summary><see cref="Fit"/>, then padded with spaces to <paramref name="width"/>.</summary>
    public static string Cell(string s, int width) => Fit(s, width).PadRight(width);
}
