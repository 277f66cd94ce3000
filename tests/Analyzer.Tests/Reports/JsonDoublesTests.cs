using System.Text;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Findings;
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

    [Fact]
    public void EveryKindOfDetailIsWrittenAsTheSerializerWritesIt()
    {
        var finding = new Finding { Kind = FindingKind.SipScan, Severity = Severity.Warning, Summary = "s" };
        var values = new Dictionary<string, object?>
        {
            ["a_text"] = "Jürgen <sip:100@pbx> & \"quotes\"\n",
            ["b_int"] = -42,
            ["c_long"] = 1L << 40,
            ["d_bool"] = true,
            ["e_double"] = 0.1 + 0.2,
            ["f_nan"] = double.NaN,
            ["g_null"] = null,
            ["h_list"] = new List<string> { "10.0.0.1", "10.0.0.2" },
            ["i_uint"] = 7u,
        };
        foreach (var (key, value) in values) finding.Details[key] = value;

        string written = Write(json => FindingsJson.WriteOne(json, finding));
        using var document = JsonDocument.Parse(written);
        var details = document.RootElement.GetProperty("details");
        foreach (var (key, value) in values)
        {
            string expected = Write(json => JsonSerializer.Serialize(json, value, value?.GetType() ?? typeof(object), JsonDoubles.SerializerOptions));
            Assert.Equal(expected, details.GetProperty(key).GetRawText());
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
            write(json);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
