using System.Text.Json;
using System.Text.Json.Serialization;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>Writes a double as a JSON number, or null when it is NaN or infinite (JSON has neither).</summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
