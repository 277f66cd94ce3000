using System.Globalization;
using CsvHelper;

namespace PcapSipAnalyzer.Cli.Query;

/// <summary>Every row as CSV (RFC 4180, a header row), written as it comes.</summary>
internal sealed class CsvQueryOutput(TextWriter writer) : IQueryOutput
{
    private readonly CsvWriter _csv = new(writer, CultureInfo.InvariantCulture, leaveOpen: true);

    public void Begin(IReadOnlyList<string> columns)
    {
        foreach (var column in columns) _csv.WriteField(column);
        _csv.NextRecord();
    }

    public void Row(object?[] values)
    {
        foreach (var value in values) _csv.WriteField(QueryValue.Text(value) ?? "");
        _csv.NextRecord();
    }

    public void End()
    {
        _csv.Flush();
        _csv.Dispose();
    }
}
