using System.Text.Encodings.Web;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary><c>--jsonl FILE</c>: findings as JSON Lines, one finding per line, each with schema_version.</summary>
public static class JsonLinesWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream stream, AnalysisResult result, string? job = null)
    {
        foreach (var finding in result.Findings)
        {
            using (var json = new Utf8JsonWriter(stream, Options))
            {
                json.WriteStartObject();
                json.WriteNumber("schema_version", JsonReportWriter.SchemaVersion);
                if (job is not null) json.WriteString("job", job);
                json.WritePropertyName("finding");
                FindingsJson.WriteOne(json, finding);
                json.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }
    }
}
