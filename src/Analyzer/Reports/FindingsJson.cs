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
            JsonSerializer.Serialize(json, value, value?.GetType() ?? typeof(object), JsonDoubles.SerializerOptions);
        }
        json.WriteEndObject();
        json.WriteEndObject();
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
