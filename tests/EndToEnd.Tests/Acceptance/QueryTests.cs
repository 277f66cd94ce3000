using System.Text.Json;
using System.Text.RegularExpressions;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// <c>pcapsip query</c> over a batch of lab captures (several capture points per job): the README's named
/// questions give what the same question computed from each job's report.json gives; a bad query is one line
/// on stderr, exit 64, nothing on stdout.
/// </summary>
public class QueryTests : IClassFixture<QueryTests.LabBatch>
{
    private readonly LabBatch _batch;

    public QueryTests(LabBatch batch) => _batch = batch;

    [Fact]
    public void Wrong_gateway_clients_equal_the_json_reports()
    {
        var expected = _batch.Reports
            .SelectMany(r => r.Report.RootElement.GetProperty("findings").EnumerateArray()
                .Where(f => f.GetProperty("kind").GetString() == "response-wrong-gateway")
                .Select(f => (Client: f.GetProperty("client").GetString()!, r.Job)))
            .GroupBy(x => x).Select(g => $"{g.Key.Client}|{g.Key.Job}|{g.Count()}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Select(e => e.Split('|')[1]).Distinct().Count() >= 2, "the batch should have wrong-gateway findings in several jobs");

        var rows = Rows("--question", "wrong-gateway-clients");
        Assert.Equal(expected, rows.Select(r => $"{r.GetProperty("client").GetString()}|{r.GetProperty("job").GetString()}|{r.GetProperty("findings").GetInt64()}").ToList());
    }

    [Fact]
    public void Failed_registrations_by_subnet_equal_the_json_reports()
    {
        var expected = _batch.Reports
            .SelectMany(r => r.Report.RootElement.GetProperty("registrations").EnumerateArray()
                .Where(g => g.GetProperty("outcome").GetString() != "registered")
                .Select(g => (Subnet: Subnet(g.GetProperty("client").GetString()!), r.Job, Client: g.GetProperty("client").GetString()!)))
            .GroupBy(x => (x.Subnet, x.Job))
            .Select(g => $"{g.Key.Subnet}|{g.Key.Job}|{g.Count()}|{g.Select(x => x.Client).Distinct().Count()}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Select(e => e.Split('|')[0]).Distinct().Count() >= 2, "the batch should have failed registrations in several subnets");

        var rows = Rows("--question", "failed-registrations-by-subnet");
        Assert.Equal(expected, rows.Select(r => $"{r.GetProperty("subnet").GetString()}|{r.GetProperty("job").GetString()}|{r.GetProperty("registrations").GetInt64()}|{r.GetProperty("clients").GetInt64()}").ToList());
    }

    [Fact]
    public void Every_view_has_job_and_point_and_csv_gives_the_same_rows()
    {
        var columns = Rows("SELECT table_name, column_name FROM information_schema.columns WHERE column_name IN ('job', 'point') AND table_name NOT LIKE '%_files'")
            .Select(r => r.GetProperty("table_name").GetString() + "." + r.GetProperty("column_name").GetString()).ToHashSet();
        foreach (var view in new[] { "findings", "causes", "transactions", "registrations", "dialogs", "rtp_streams", "captures" })
        {
            Assert.Contains(view + ".job", columns);
            Assert.Contains(view + ".point", columns);
        }
        var csv = PcapsipCli.Run("query", _batch.Output, "SELECT job, point, count(*) AS n FROM findings GROUP BY ALL ORDER BY ALL", "--csv").Succeeded().Output;
        var json = Rows("SELECT job, point, count(*) AS n FROM findings GROUP BY ALL ORDER BY ALL");
        Assert.Equal(["job,point,n", .. json.Select(r => $"{r.GetProperty("job").GetString()},{r.GetProperty("point").GetString()},{r.GetProperty("n").GetInt64()}")],
            csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void A_bad_query_is_one_line_and_exit_64_with_nothing_on_stdout()
    {
        var run = PcapsipCli.Run("query", _batch.Output, "SELECT nope FROM findings");
        Assert.Equal(64, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pcapsip: SQL error: ", line);
        Assert.Contains("nope", line);
    }

    [Fact]
    public void Control_characters_in_a_cell_are_shown_as_escapes_on_one_line()
    {
        var run = PcapsipCli.Run("query", _batch.Output, "SELECT chr(27) || ']0;owned' || chr(7) || 'x' || chr(10) || 'y' AS agent").Succeeded();
        Assert.DoesNotContain('\u001B', run.Output);
        Assert.DoesNotContain('\u0007', run.Output);
        Assert.Contains(@"\x1B]0;owned\x07x\ny", run.Output);
    }

    private List<JsonElement> Rows(params string[] query)
    {
        var run = PcapsipCli.Run(["query", _batch.Output, .. query, "--json"]).Succeeded();
        return JsonDocument.Parse(run.Output).RootElement.GetProperty("rows").EnumerateArray().ToList();
    }

    private static string Subnet(string client)
    {
        var v4 = Regex.Match(client, @"^(\d+\.\d+\.\d+)\.\d+:");
        return v4.Success ? v4.Groups[1].Value + ".0/24" : Regex.Match(client, @"^\[([^\]]*)\]").Groups[1].Value;
    }

    /// <summary>One batch (with Parquet) of lab scenarios, each with its capture points, shared by the tests.</summary>
    public sealed class LabBatch : IDisposable
    {
        private static readonly string[] Scenarios =
            ["healthy", "wrong-gateway-drop", "no-route", "auth-answer-lost", "two-subnets-two-gateways", "genuine-wrong-password"];
        private readonly TempFolder _folder = new();

        public LabBatch()
        {
            var inputs = Directory.CreateDirectory(_folder.File("in")).FullName;
            foreach (var name in Scenarios)
            {
                var lab = LabScenario.Load(name);
                File.Copy(lab.PbxUplink, Path.Combine(inputs, name + "@pbx-uplink.pcap"));
                if (lab.Router1 is { } router) File.Copy(router, Path.Combine(inputs, name + "@router1.pcapng"));
            }
            Output = _folder.File("out");
            PcapsipCli.Run("batch", inputs, "--out", Output, "--parquet", "--jobs", "2").Succeeded();
            Reports = Scenarios.Select(s => (s, JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Output, s, "report.json"))))).ToList();
        }

        public string Output { get; }
        public List<(string Job, JsonDocument Report)> Reports { get; }

        public void Dispose()
        {
            foreach (var (_, report) in Reports) report.Dispose();
            _folder.Dispose();
        }
    }
}
