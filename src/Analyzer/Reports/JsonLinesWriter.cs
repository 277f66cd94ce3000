using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// <c>--jsonl FILE</c>: findings as JSON Lines, one finding per line, each with schema_version, the job (in a
/// batch) and the point and capture file of its first frame.
/// </summary>
public static class JsonLinesWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = ReportJsonEncoder.Instance };

    public static void Write(Stream stream, AnalysisResult result, string? job = null)
    {
        foreach (var finding in result.Findings)
        {
            using (var json = new Utf8JsonWriter(stream, Options))
            {
                json.WriteStartObject();
                json.WriteNumber("schema_version", JsonReportWriter.SchemaVersion);
                if (job is not null) json.WriteString("job", job);
                // Where the finding's first frame is, as the findings table names it, so a line stands alone.
                bool framed = finding.Frames.Count > 0;
                json.WriteString("point", framed ? ReportTables.PointOf(result, finding.Frames[0]) : null);
                json.WriteString("capture_file", framed ? ReportTables.FileOf(result, finding.Frames[0]) : null);
                json.WritePropertyName("finding");
                FindingsJson.WriteOne(json, finding);
                json.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }
    }
}
