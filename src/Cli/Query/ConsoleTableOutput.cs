using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Cli.Query;

/// <summary>
/// An aligned text table on the console. Column widths need every row first, so at most <see cref="MaxRows"/>
/// rows are kept and shown; the rest are counted (<c>--csv</c> or <c>--json</c> give every row).
/// </summary>
internal sealed class ConsoleTableOutput(TextWriter writer) : IQueryOutput
{
    public const int MaxRows = 1000;
    private const int MaxWidth = 60;
    private IReadOnlyList<string> _columns = [];
    private readonly List<(string Text, bool Number)[]> _rows = new();
    private long _more;

    public void Begin(IReadOnlyList<string> columns) => _columns = columns;

    public void Row(object?[] values)
    {
        if (_rows.Count == MaxRows)
        {
            _more++;
            return;
        }
        _rows.Add(values.Select(v => (Cell(QueryValue.Text(v) ?? ""), QueryValue.IsNumber(v))).ToArray());
    }

    public void End()
    {
        var widths = _columns.Select((c, i) => Math.Max(Cell(c).Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Text.Length))).ToArray();
        writer.WriteLine(string.Join("  ", _columns.Select((c, i) => Cell(c).PadRight(widths[i]))).TrimEnd());
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
            writer.WriteLine(string.Join("  ", row.Select((cell, i) => cell.Number ? cell.Text.PadLeft(widths[i]) : cell.Text.PadRight(widths[i]))).TrimEnd());
        writer.WriteLine(_more > 0 ? $"({_rows.Count + _more} rows, the first {_rows.Count} shown; --csv or --json for all)" : $"({_rows.Count} rows)");
    }

    // One line per cell, with the reports' one rule for control characters (captured text is hostile: an ESC
    // sequence in a User-Agent must not move the cursor), and line breaks shown as \n.
    private static string Cell(string text)
    {
        var clean = ControlCharacters.Clean(text).Replace("\n", "\\n", StringComparison.Ordinal);
        return clean.Length <= MaxWidth ? clean : clean[..(MaxWidth - 1)] + "…";
    }
}
