using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Tests.Points;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// With several capture points a registration, transaction or call is one row (console, JSON, CSV) that says what
/// each point saw; with one point the tables keep one row per item. The expectations come from the per-point
/// items the SIP engines built (Call-IDs, the points that saw each), not from the report writers.
/// </summary>
public sealed class MergedRowsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pcapsip-merged-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_registration_seen_at_three_points_is_one_row_naming_each_point()
    {
        var result = await LabPoints.BothAsync("wrong-gateway-drop");
        Assert.Equal(3, result.Points.Count);
        var tables = ReportTables.Build(result);
        var perPoint = result.Points.SelectMany(p => p.Sip.Registrations.Select(r => (Point: p.Name, Reg: r))).ToList();

        var callIds = perPoint.Select(x => x.Reg.CallId).Distinct().ToList();
        Assert.True(perPoint.Count > callIds.Count, "the lab capture should show some registration at several points");
        Assert.Equal(callIds.Order(), tables.Registrations.Select(r => r.CallId).Order());
        foreach (var row in tables.Registrations)
        {
            var points = perPoint.Where(x => x.Reg.CallId == row.CallId).Select(x => x.Point).ToList();
            Assert.Equal(points.Count, row.PointCount);
            foreach (var point in points) Assert.Contains(point + ": ", row.Points);
        }

        // The phone behind the wrong gateway: the PBX challenged it, the 401 left toward the wrong router and
        // never reached it; the routers saw only its REGISTERs.
        var phone = tables.Registrations.Single(r => r.Client == "192.168.1.20:5060");
        var pbx = perPoint.Single(x => x.Point == "pbx-uplink" && x.Reg.CallId == phone.CallId).Reg;
        Assert.Equal(RegistrationOutcome.Challenged, pbx.Outcome);
        Assert.Equal(RegistrationOutcomes.WireName(pbx.Outcome), phone.Outcome);
        Assert.Equal(401, phone.FinalStatus);
        Assert.Equal("no", phone.Delivered);
        Assert.Equal("pbx-uplink", phone.DeliveredAt);
        Assert.Contains("retransmitted the REGISTER", phone.DeliveryEvidence);
        var wrongGateway = result.Paths.Single(p => ReferenceEquals(p.Transaction, pbx.Transactions[^1])).ResponseHop!.Mac.ToString();
        Assert.Contains($"pbx-uplink: 401 → {wrongGateway}", phone.Points);
        Assert.Contains("router1#lan-a: REGISTER only", phone.Points);
        Assert.Contains("router1#lan-b: REGISTER only", phone.Points);

        // The console: one line for that phone, with the proving point and the per-point column.
        var console = Console(result).Split('\n').Where(l => l.Contains("sip:1001@") && l.Contains(" delivered ")).ToList();
        var line = Assert.Single(console);
        Assert.Contains("delivered no (pbx-uplink: ", line);
        foreach (var part in new[] { $"pbx-uplink: 401 → {wrongGateway}", "router1#lan-a: REGISTER only", "router1#lan-b: REGISTER only" })
            Assert.Contains(part, line[line.IndexOf("  [", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Counts_by_outcome_are_per_capture_point()
    {
        var result = await LabPoints.BothAsync("wrong-gateway-drop");
        var lines = Console(result).Split('\n').ToList();
        int title = lines.IndexOf("Registrations by outcome (per capture point)");
        Assert.True(title >= 0, "no per-point registration counts");
        var header = lines[title + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(result.Points.Select(p => p.Name), header);
        foreach (var line in lines.Skip(title + 2).TakeWhile(l => l.Length > 0))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < result.Points.Count; i++)
                Assert.Equal(result.Points[i].Sip.Registrations.Count(r => RegistrationOutcomes.WireName(r.Outcome) == cells[0]), long.Parse(cells[i + 1]));
        }
    }

    [Fact]
    public async Task Each_point_in_the_json_carries_its_own_counts_by_outcome()
    {
        var result = await LabPoints.BothAsync("wrong-gateway-drop");
        using var doc = Json(result);
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(result.Points.Count, points.Count);
        foreach (var (entry, point) in points.Zip(result.Points))
        {
            var counts = entry.GetProperty("registrations_by_outcome").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt64());
            var expected = point.Sip.Registrations.GroupBy(r => RegistrationOutcomes.WireName(r.Outcome) ?? "open").ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(expected.OrderBy(x => x.Key), counts.OrderBy(x => x.Key));
        }
        // The phones behind the wrong gateway: challenged where the PBX's 401 left, unanswered at the router's legs.
        var byName = points.ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("registrations_by_outcome"));
        Assert.Equal(2, byName["pbx-uplink"].GetProperty("challenged").GetInt64());
        Assert.False(byName["router1#lan-a"].TryGetProperty("challenged", out _));
        Assert.Equal(2, byName["router1#lan-a"].GetProperty("unanswered").GetInt64());
    }

    [Fact]
    public async Task A_200_that_never_reached_the_phone_is_not_shown_as_registered()
    {
        var result = await LabPoints.BothAsync("auth-answer-lost");
        var tables = ReportTables.Build(result);
        var lost = tables.Registrations.Where(r => r.FinalStatus == 200 && r.Delivered == "no").ToList();
        Assert.NotEmpty(lost);
        foreach (var row in lost)
        {
            // At the PBX the registrar bound the phone, but the phone still waits for an answer to its credentials.
            var pbx = result.Points.Single(p => p.Name == "pbx-uplink").Sip.Registrations.Single(r => r.CallId == row.CallId);
            Assert.Equal(RegistrationOutcome.Registered, pbx.Outcome);
            Assert.Equal(RegistrationOutcomes.WireName(RegistrationOutcome.AuthUnanswered), row.Outcome);
            Assert.Equal("pbx-uplink", row.DeliveredAt);
        }
        Assert.DoesNotContain(tables.Registrations, r => r.Outcome == RegistrationOutcomes.WireName(RegistrationOutcome.Registered) && r.Delivered == "no");
    }

    [Fact]
    public async Task The_clients_own_leg_proves_or_disproves_delivery_where_the_client_says_nothing()
    {
        // The wrong gateway forwards the 200 to the phone's leg anyway: a UDP phone that stays silent got it.
        var forward = ReportTables.Build(await LabPoints.BothAsync("wrong-gateway-forward"));
        var phone = forward.Registrations.Single(r => r.Transport == "UDP");
        Assert.Equal(("yes", "router1#lan-b"), (phone.Delivered, phone.DeliveredAt));
        Assert.Contains("reached router1#lan-b", phone.DeliveryEvidence);

        // A scanner falls silent after its 404 too, but the 404 left toward the wrong gateway and never reached its leg.
        var scan = ReportTables.Build(await LabPoints.BothAsync("scan-during-fault"));
        var scanners = scan.Registrations.Where(r => r.FinalStatus == 404).ToList();
        Assert.NotEmpty(scanners);
        Assert.All(scanners, r =>
        {
            Assert.Equal(("no", "pbx-uplink"), (r.Delivered, r.DeliveredAt));
            Assert.Contains("never reached router1#lan-b", r.DeliveryEvidence);
        });
    }

    [Theory]
    [InlineData("wrong-gateway-drop")]
    [InlineData("healthy")]
    public async Task One_capture_point_keeps_one_row_per_item(string scenario)
    {
        var result = await LabPoints.PbxAsync(scenario);
        var point = Assert.Single(result.Points);
        var tables = ReportTables.Build(result);
        Assert.Equal(point.Sip.Registrations.Count, tables.Registrations.Count);
        Assert.Equal(point.Sip.Transactions.Count, tables.Transactions.Count);
        Assert.Equal(point.Sip.Dialogs.Count, tables.Dialogs.Count);
        Assert.Equal(point.Sip.Registrations.Select(r => r.Id), tables.Registrations.Select(r => r.RegistrationId));
        Assert.All(tables.Registrations, r => Assert.Equal(1, r.PointCount));
        Assert.All(tables.Registrations, r => Assert.StartsWith(point.Name + ": ", r.Points));
    }

    [Theory]
    [InlineData("wrong-gateway-drop")]
    [InlineData("alg")]
    public async Task Json_and_csv_agree_on_the_merged_rows(string scenario)
    {
        var result = await LabPoints.BothAsync(scenario);
        using var doc = Json(result);
        var csv = Path.Combine(_dir, "csv");
        using (var staged = new StagedOutputs())
        {
            ReportTables.Build(result).WriteCsv(staged, csv);
            staged.Commit();
        }

        var rows = CsvTables.Read<RegistrationRow>(Path.Combine(csv, "registrations.csv"));
        var json = doc.RootElement.GetProperty("registrations").EnumerateArray().ToList();
        Assert.Equal(json.Count, rows.Count);
        // The table numbers its rows (engines number each point's items from 1); the JSON's id is the lead point's.
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.RegistrationId));
        foreach (var (entry, row) in json.Zip(rows))
        {
            Assert.Equal(entry.GetProperty("id").GetInt64(), row.IdAtPoint);
            Assert.Equal(entry.GetProperty("point").GetString(), row.Point);
            Assert.Equal(entry.GetProperty("client").GetString(), row.Client);
            Assert.Equal(entry.GetProperty("outcome").GetString(), row.Outcome);
            Assert.Equal(entry.GetProperty("delivered").GetString(), row.Delivered);
            Assert.Equal(entry.GetProperty("delivered_at").GetString() ?? "", row.DeliveredAt ?? ""); // CSV has no null
            var points = entry.GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(points.Count, row.PointCount);
            foreach (var p in points)
                Assert.Contains($"{p.GetProperty("point").GetString()}: {p.GetProperty("seen").GetString()}", row.Points);
        }

        // The companion table has every point of every registration, as the JSON's "points" lists them.
        var sipPoints = CsvTables.Read<SipPointRow>(Path.Combine(csv, "sip_points.csv")).Where(r => r.ItemKind == "registration").ToList();
        Assert.Equal(
            json.SelectMany((r, i) => r.GetProperty("points").EnumerateArray().Select(p =>
                ((long)i + 1, p.GetProperty("point").GetString(), p.GetProperty("id").GetInt64(), p.GetProperty("seen").GetString()))),
            sipPoints.Select(r => (r.ItemId, (string?)r.Point, r.IdAtPoint, (string?)r.Seen)));

        var transactions = CsvTables.Read<TransactionRow>(Path.Combine(csv, "transactions.csv"));
        var jsonTransactions = doc.RootElement.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(result.Correlation!.Transactions.Count, transactions.Count);
        Assert.Equal(jsonTransactions.Select(t => (t.GetProperty("id").GetInt64(), t.GetProperty("points").GetArrayLength())),
            transactions.Select(t => (t.IdAtPoint, t.PointCount)));
        Assert.Equal(transactions.Count, transactions.Select(t => t.TransactionId).Distinct().Count());
        Assert.Equal(doc.RootElement.GetProperty("dialogs").GetArrayLength(), CsvTables.Read<DialogRow>(Path.Combine(csv, "dialogs.csv")).Count);
    }

    [Fact]
    public async Task A_stream_seen_at_two_points_is_two_rows_each_naming_its_point()
    {
        var result = await LabPoints.BothAsync("one-way-audio");
        var tables = ReportTables.Build(result);
        var twice = tables.RtpStreams.GroupBy(s => s.Ssrc).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(twice);
        foreach (var g in twice) Assert.Equal(g.Count(), g.Select(s => s.Point).Distinct().Count());
        Assert.All(tables.RtpStreams, s => Assert.Contains(result.Points, p => p.Name == s.Point));

        using var doc = Json(result);
        Assert.Equal(tables.RtpStreams.Select(s => s.Point),
            doc.RootElement.GetProperty("rtp_streams").EnumerateArray().Select(s => s.GetProperty("point").GetString()));
        var console = Console(result);
        foreach (var s in tables.RtpStreams)
            Assert.Contains(console.Split('\n'), l => l.Contains($"0x{s.Ssrc:X8}") && l.TrimEnd().EndsWith($"[{s.Point}]"));
    }

    private static string Console(AnalysisResult result)
    {
        using var text = new StringWriter();
        new ConsoleReportWriter(text).Write(result);
        return text.ToString();
    }

    private static JsonDocument Json(AnalysisResult result)
    {
        using var stream = new MemoryStream();
        JsonReportWriter.Write(stream, result, "test");
        return JsonDocument.Parse(stream.ToArray());
    }
}
