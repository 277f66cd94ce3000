using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Issue 7, the hand-off tables: findings.csv + finding_frames.csv (read with CsvHelper through
/// <see cref="CsvTables.Read{TRow}"/>), the same tables as Parquet (Parquet.Net through
/// <see cref="ParquetTables.Read{TRow}"/>) and findings.jsonl (System.Text.Json) say exactly what the JSON
/// report's "findings" say, on every lab capture.
/// </summary>
public class TableOutputsTests
{
    public static TheoryData<string> Scenarios() => LabScenario.All();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Csv_parquet_and_json_lines_read_back_to_the_json_findings(string name)
    {
        string input = LabScenario.Load(name).PbxUplink;
        using var folder = new TempFolder();
        var outputs = new ReportOutputs
        {
            JsonPath = folder.File("report.json"),
            JsonLinesPath = folder.File("findings.jsonl"),
            CsvDirectory = folder.File("csv"),
            ParquetDirectory = folder.File("parquet"),
        };
        outputs.Write(PipelineReport.Of(input).Result, "e2e");
        AssertTablesMatchReport(folder.Path, input);
    }

    [Fact]
    public void The_command_writes_the_same_findings_in_every_format()
    {
        string input = LabScenario.Load("no-route").PbxUplink;
        using var folder = new TempFolder();
        PcapsipCli.Run("analyze", input, "--json", folder.File("report.json"), "--jsonl", folder.File("findings.jsonl"),
            "--csv", folder.File("csv"), "--parquet", folder.File("parquet"), "--no-progress").Succeeded();
        AssertTablesMatchReport(folder.Path, input);
    }

    private static void AssertTablesMatchReport(string folder, string input)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "report.json")));
        var findings = FindingsJsonShape.Of(document.RootElement);

        var expected = findings.Select(f => Row(f, input)).ToList();
        var expectedFrames = findings.SelectMany((f, i) => f.GetProperty("frames").EnumerateArray()
            .Select(fr => $"{i + 1} {f.GetProperty("kind").GetString()} {input} {fr.GetProperty("frame").GetInt64()}")).ToList();

        Assert.Equal(expected, CsvTables.Read<FindingRow>(Path.Combine(folder, "csv", "findings.csv")).Select(Describe));
        Assert.Equal(expectedFrames, CsvTables.Read<FindingFrameRow>(Path.Combine(folder, "csv", "finding_frames.csv")).Select(Describe));
        Assert.Equal(expected, ParquetTables.Read<FindingRow>(Path.Combine(folder, "parquet", "findings.parquet")).Select(Describe));
        Assert.Equal(expectedFrames, ParquetTables.Read<FindingFrameRow>(Path.Combine(folder, "parquet", "finding_frames.parquet")).Select(Describe));

        var lines = File.ReadAllLines(Path.Combine(folder, "findings.jsonl"));
        Assert.Equal(findings.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            Assert.Equal(1, line.RootElement.GetProperty("schema_version").GetInt32());
            Assert.True(FindingsJsonShape.Same(findings[i], line.RootElement.GetProperty("finding")), $"line {i + 1}: {lines[i]}");
        }
    }

    // The JSON finding as the table row must show it (the first cited frame is the row's key back to the capture).
    private static string Row(JsonElement f, string input)
    {
        var frames = f.GetProperty("frames").EnumerateArray().ToList();
        return string.Join(" | ", Text(f, "kind"), Text(f, "severity"), Text(f, "summary"), Text(f, "explanation"), Text(f, "client"),
            Text(f, "server"), Text(f, "transport"), Text(f, "call_id"), f.GetProperty("cseq").ToString(), Text(f, "client_symptom"),
            f.GetProperty("count").GetInt32(), frames.Count > 0 ? input : "", frames.Count > 0 ? frames[0].GetProperty("frame").GetInt64().ToString() : "",
            Text(f, "wireshark_filter"), Text(f, "last_seen_at"));
    }

    private static string Describe(FindingRow r) => string.Join(" | ", r.Kind, r.Severity, r.Summary, r.Explanation, r.Client ?? "",
        r.Server ?? "", r.Transport ?? "", r.CallId ?? "", r.Cseq?.ToString() ?? "", r.ClientSymptom ?? "", r.Count, r.CaptureFile ?? "",
        r.FrameNumber?.ToString() ?? "", r.WiresharkFilter ?? "", r.LastSeenAt ?? "");

    private static string Describe(FindingFrameRow r) => $"{r.FindingId} {r.Kind} {r.CaptureFile} {r.FrameNumber}";

    private static string Text(JsonElement f, string name) => f.GetProperty(name).ValueKind == JsonValueKind.Null ? "" : f.GetProperty(name).GetString()!;
}
