using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The CSV writer of every table: a cell that would start a spreadsheet formula (<c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, tab, CR) gets CsvHelper's injection escape (a leading <c>'</c>), and control characters become visible
/// escapes (<see cref="ControlCharacters"/>). A number is left as it is: <c>-1</c> in a numeric column is a value
/// (tshark's "none"), never a formula, and DuckDB must still read it as a number.
/// </summary>
internal sealed class SafeCsvWriter : CsvWriter
{
    private bool _numeric;

    public SafeCsvWriter(TextWriter writer) : base(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape })
    {
    }

    /// <summary>One cell already formatted as text; <paramref name="numeric"/> keeps a number (even a negative one) unescaped.</summary>
    public void WriteCell(string? text, bool numeric)
    {
        _numeric = numeric;
        try
        {
            WriteField(text);
        }
        finally
        {
            _numeric = false;
        }
    }

    protected override string? SanitizeForInjection(string? field)
    {
        if (field is null) return null;
        field = ControlCharacters.Clean(field);
        if (_numeric && double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return field;
        return base.SanitizeForInjection(field);
    }
}
