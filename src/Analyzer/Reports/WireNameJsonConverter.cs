using System.Text.Json;
using System.Text.Json.Serialization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Serializes a value with a fixed set of meanings by its name from the one wire-name table of its enum, so the
/// model serialized as it is (by System.Text.Json, without the report writers) reads like the report.
/// </summary>
public sealed class WireNameJsonConverter<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? name = reader.GetString();
        foreach (var value in Enum.GetValues<T>())
            if (string.Equals(Name(value), name, StringComparison.Ordinal)) return value;
        throw new JsonException($"\"{name}\" is not a {typeof(T).Name}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Name(value));

    // Counts by outcome are dictionaries keyed by the enum: their keys take the same names.
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(Name(value));

    private static string Name(T value) => value switch
    {
        TransactionOutcome o => TransactionOutcomes.WireName(o),
        RegistrationOutcome o => RegistrationOutcomes.WireName(o),
        DialogOutcome o => DialogOutcomes.WireName(o),
        ResponseDelivery d => ResponseDeliveries.WireName(d),
        Transport t => Transports.WireName(t),
        FindingKind k => FindingKinds.WireName(k),
        _ => throw new NotSupportedException($"{typeof(T).Name} has no wire-name table"),
    };
}
