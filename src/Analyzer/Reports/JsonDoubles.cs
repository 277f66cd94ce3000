using System.Text.Json;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Measured values in the JSON: rounded to µs precision (3 decimals of a millisecond), and null when not
/// finite — JSON has no NaN or infinity, and <see cref="Utf8JsonWriter"/> throws on them, which would lose the
/// whole report over one odd figure.
/// </summary>
internal static class JsonDoubles
{
    /// <summary>For values serialized as objects (finding details): the same rule for every double in them.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new() { Converters = { new FiniteDoubleConverter() } };

    public static void Write(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, Math.Round(value, 3));
        else json.WriteNull(name);
    }
}
