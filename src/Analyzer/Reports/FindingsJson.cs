using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>The "findings" array of the JSON report (also one line each in JSON Lines).</summary>
public static class FindingsJson
{
    public static void Write(Utf8JsonWriter json, IEnumerable<Finding> findings)
    {
        json.WriteStartArray("findings");
        foreach (var f in findings)
        {
            WriteOne(json, f);
            JsonFlush.WhenLarge(json);
        }
        json.WriteEndArray();
    }

    public static void WriteOne(Utf8JsonWriter json, Finding f)
    {
        json.WriteStartObject();
        json.WriteString("id", f.Id);
        WriteNullable(json, "cause_id", f.CauseId);
        json.WriteString("kind", FindingKinds.WireName(f.Kind));
        json.WriteString("severity", SeverityName(f.Severity));
        json.WriteString("summary", f.Summary);
        json.WriteString("explanation", f.Explanation);
        WriteNullable(json, "client", f.Client);
        WriteNullable(json, "server", f.Server);
        WriteNullable(json, "transport", Transports.WireName(f.Transport));
        WriteNullable(json, "call_id", f.CallId);
        if (f.CSeq is long cseq) json.WriteNumber("cseq", cseq); else json.WriteNull("cseq");
        WriteNullable(json, "client_symptom", f.ClientSymptom);
        json.WriteNumber("count", f.Count);
        JsonReportWriter.WriteFrames(json, "frames", f.Frames);
        WriteNullable(json, "wireshark_filter", f.WiresharkFilter);
        json.WriteStartArray("frame_filters");
        foreach (int capture in f.Frames.Select(r => r.Capture).Distinct().Order())
        {
            json.WriteStartObject();
            json.WriteNumber("capture", capture);
            json.WriteString("filter", f.FrameFilter(capture));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteNullable(json, "last_seen_at", f.LastSeenAt);
        json.WriteStartObject("details");
        foreach (var (key, value) in FindingDetails.Of(f))
        {
            json.WritePropertyName(key);
            WriteDetail(json, value);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // Most details are a string or a number: written directly, as the serializer would write them (through the same
    // writer, so with the same escaping), without its type lookup per value, which a report of thousands of
    // findings paid tens of thousands of times.
    private static void WriteDetail(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string text: json.WriteStringValue(text); break;
            case int number: json.WriteNumberValue(number); break;
            case long number: json.WriteNumberValue(number); break;
            case bool flag: json.WriteBooleanValue(flag); break;
            case double number when double.IsFinite(number): json.WriteNumberValue(number); break;
            case double: json.WriteNullValue(); break;
            default: JsonSerializer.Serialize(json, value, value.GetType(), JsonDoubles.SerializerOptions); break;
        }
    }

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }
}
