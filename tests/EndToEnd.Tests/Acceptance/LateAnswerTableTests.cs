using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The 400s a PBX sent to late retransmissions, counted by the lab from the PBX's own log, are the count every
/// output gives its cause: the JSON's late_answers and the causes table (CSV and Parquet) alike.
/// </summary>
public class LateAnswerTableTests
{
    [Fact]
    public void The_causes_table_counts_the_late_answers_the_json_and_the_lab_count()
    {
        var scenario = LabScenario.Load("late-retransmission-400");
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(scenario.Directory, "expected.json")));
        int sent = truth.RootElement.GetProperty("late_answers").GetProperty("per_client").EnumerateObject().Sum(c => c.Value.GetInt32());
        using var folder = new TempFolder();
        var outputs = new ReportOutputs
        {
            JsonPath = folder.File("report.json"),
            CsvDirectory = folder.File("csv"),
            ParquetDirectory = folder.File("parquet"),
        };
        outputs.Write(PipelineReport.Of(scenario.PbxUplink).Result, "e2e");

        using var report = JsonDocument.Parse(File.ReadAllBytes(folder.File("report.json")));
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal(sent, cause.GetProperty("late_answers").GetProperty("count").GetInt32());
        Assert.Equal(sent, Assert.Single(CsvTables.Read<CauseRow>(Path.Combine(folder.Path, "csv", "causes.csv"))).LateAnswerCount);
        Assert.Equal(sent, Assert.Single(ParquetTables.Read<CauseRow>(Path.Combine(folder.Path, "parquet", "causes.parquet"))).LateAnswerCount);
    }
}
