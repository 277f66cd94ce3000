using System.Text;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>JSON has no NaN or infinity: such a figure is written as null instead of failing the whole report.</summary>
public class JsonDoublesTests
{
    [Theory]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    [InlineData(double.NegativeInfinity, "null")]
    [InlineData(1.23456, "1.235")]
    public void AMeasuredValueIsRoundedOrNull(double value, string expected)
    {
        string text = Write(json =>
        {
            json.WriteStartObject();
            JsonDoubles.Write(json, "v", value);
            json.WriteEndObject();
        });
        Assert.Equal($"{{\"v\":{expected}}}", text);
    }

    [Fact]
    public void DoublesInsideFindingDetailsAreNullWhenNotFinite()
    {
        var details = new Dictionary<string, object?> { ["jitter_ms"] = double.PositiveInfinity, ["loss"] = 2.5 };
        string text = Write(json => JsonSerializer.Serialize(json, details, JsonDoubles.SerializerOptions));
        Assert.Equal("{\"jitter_ms\":null,\"loss\":2.5}", text);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
            write(json);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
