using System.Text.Json;

namespace PcapSipAnalyzer.Cli.Query;

/// <summary>Every row as a JSON object in one array (<c>{"columns": [...], "rows": [{...}, ...]}</c>), written as it comes.</summary>
internal sealed class JsonQueryOutput(Stream stream) : IQueryOutput
{
    private readonly Utf8JsonWriter _json = new(stream, new JsonWriterOptions { Indented = true });
    private IReadOnlyList<string> _columns = [];

    public void Begin(IReadOnlyList<string> columns)
    {
        _columns = columns;
        _json.WriteStartObject();
        _json.WriteStartArray("columns");
        foreach (var column in columns) _json.WriteStringValue(column);
        _json.WriteEndArray();
        _json.WriteStartArray("rows");
    }

    public void Row(object?[] values)
    {
        _json.WriteStartObject();
        for (int i = 0; i < values.Length; i++)
        {
            _json.WritePropertyName(_columns[i]);
            var value = values[i];
            if (value is null) _json.WriteNullValue();
            else if (value is bool b) _json.WriteBooleanValue(b);
            else if (QueryValue.IsNumber(value) && value is not (double or float) || value is double d && double.IsFinite(d))
                _json.WriteRawValue(QueryValue.Text(value)!);
            else _json.WriteStringValue(QueryValue.Text(value));
        }
        _json.WriteEndObject();
        if (_json.BytesPending > 1 << 16) _json.Flush();
    }

    public void End()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        stream.WriteByte((byte)'\n');
        _json.Dispose();
    }
}
