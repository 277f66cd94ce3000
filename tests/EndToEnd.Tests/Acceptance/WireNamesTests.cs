using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Values with a fixed set of meanings read the same in every format: a transaction's delivery, outcome and
/// transport in the JSON are those of its CSV and Parquet rows, and a finding's kind and delivery are names from
/// the one table (the CSV once wrote "notdelivered" where the JSON wrote "not-delivered").
/// </summary>
public class WireNamesTests
{
    [Fact]
    public void Json_csv_and_parquet_name_deliveries_outcomes_transports_and_kinds_alike()
    {
        string input = LabScenario.Load("wrong-gateway-drop").PbxUplink;
        using var folder = new TempFolder();
        new ReportOutputs
        {
            JsonPath = folder.File("report.json"),
            CsvDirectory = folder.File("csv"),
            ParquetDirectory = folder.File("parquet"),
        }.Write(PipelineReport.Of(input).Result, "e2e");
        using var document = JsonDocument.Parse(File.ReadAllBytes(folder.File("report.json")));
        var root = document.RootElement;

        var fromJson = root.GetProperty("transactions").EnumerateArray().Select(t => Describe(
            t.GetProperty("point").GetString()!, t.GetProperty("id").GetInt64(), t.GetProperty("transport").GetString(),
            t.GetProperty("outcome").GetString(), t.TryGetProperty("path", out var p) ? p.GetProperty("delivery").GetString() : null)).ToList();
        Assert.Contains(fromJson, t => t.EndsWith(" not-delivered", StringComparison.Ordinal));
        Assert.Equal(fromJson, CsvTables.Read<TransactionRow>(Path.Combine(folder.Path, "csv", "transactions.csv")).Select(Describe));
        Assert.Equal(fromJson, ParquetTables.Read<TransactionRow>(Path.Combine(folder.Path, "parquet", "transactions.parquet")).Select(Describe));

        var deliveries = Enum.GetValues<ResponseDelivery>().Select(ResponseDeliveries.WireName).ToHashSet();
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        foreach (var f in findings)
        {
            Assert.True(FindingKinds.TryParse(f.GetProperty("kind").GetString(), out _), f.GetProperty("kind").GetString());
            if (f.GetProperty("details").TryGetProperty("delivery", out var delivery)) Assert.Contains(delivery.GetString()!, deliveries);
        }
        Assert.Equal(findings.Select(f => f.GetProperty("kind").GetString()),
            CsvTables.Read<FindingRow>(Path.Combine(folder.Path, "csv", "findings.csv")).Select(r => r.Kind));
    }

    private static string Describe(TransactionRow r) => Describe(r.Point, r.TransactionId, r.Transport, r.Outcome, r.Delivery);

    private static string Describe(string point, long id, string? transport, string? outcome, string? delivery) =>
        $"{point} {id} {transport} {outcome} {delivery ?? "-"}";
}
