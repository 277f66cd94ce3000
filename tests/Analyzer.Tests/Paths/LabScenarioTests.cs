using System.Text;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using Xunit.Abstractions;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// The lab's captures of the field case (tests/fixtures/lab/&lt;scenario&gt;/pbx-uplink.pcap): for each client,
/// the path findings from the PBX-uplink capture alone must be exactly those the lab's expected.json lists
/// (which the lab wrote from what it set up, never from an analyzer).
/// </summary>
public class LabScenarioTests(ITestOutputHelper output)
{
    private static readonly HashSet<string> PathKinds =
    [
        FindingKinds.ResponseWrongGateway, FindingKinds.AsymmetricPath, FindingKinds.ResponseLost, FindingKinds.RegisterUnanswered,
        FindingKinds.SynAckWrongGateway, FindingKinds.IcmpError, FindingKinds.RegistrationRejected,
    ];

    /// <summary>Every scenario twice: SIP parsed by tshark (the oracle), and by our own parser and TCP reassembly.</summary>
    public static TheoryData<string, string> Scenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (var dir in Directory.GetDirectories(PathHarness.Fixture("lab")).Order())
            if (File.Exists(Path.Combine(dir, "pbx-uplink.pcap")))
            {
                data.Add(Path.GetFileName(dir), "tshark");
                data.Add(Path.GetFileName(dir), "ours");
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Each_client_gets_exactly_the_expected_path_findings(string scenario, string sipParser)
    {
        var dir = PathHarness.Fixture("lab", scenario);
        var result = await PathHarness.AnalyzeAsync(Path.Combine(dir, "pbx-uplink.pcap"), tsharkSip: sipParser == "tshark");
        foreach (var f in result.Findings)
            output.WriteLine($"{f.Severity} {f.Kind} {f.Client}: {f.Summary}\n    {f.Explanation}\n    symptom: {f.ClientSymptom}\n    filter: {f.WiresharkFilter}\n    frames: {string.Join(",", f.Frames.Select(x => x.Frame))}");

        var expected = ExpectedPerClient(Path.Combine(dir, "expected.json"));
        var actual = new Dictionary<string, SortedSet<string>>();
        foreach (var f in result.Findings)
        {
            if (!actual.TryGetValue(f.Client ?? "", out var set)) actual[f.Client ?? ""] = set = new();
            set.Add($"{f.Kind}:{FindingSeverity(f.Severity)}");
        }
        var report = new StringBuilder();
        foreach (var client in expected.Keys.Union(actual.Keys).Order())
        {
            var want = expected.GetValueOrDefault(client) ?? [];
            var got = actual.GetValueOrDefault(client) ?? [];
            if (!want.SetEquals(got)) report.AppendLine($"{client}: expected [{string.Join(", ", want)}], got [{string.Join(", ", got)}]");
        }
        Assert.True(report.Length == 0, report.ToString());
    }

    private static Dictionary<string, SortedSet<string>> ExpectedPerClient(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var result = new Dictionary<string, SortedSet<string>>();
        foreach (var client in doc.RootElement.GetProperty("clients").EnumerateArray())
        {
            var name = client.GetProperty("client").GetString()!;
            if (!result.TryGetValue(name, out var set)) result[name] = set = new();
            foreach (var f in client.GetProperty("expected_findings").EnumerateArray())
            {
                var kind = f.GetProperty("kind").GetString()!;
                if (PathKinds.Contains(kind)) set.Add($"{kind}:{f.GetProperty("severity").GetString()}");
            }
        }
        return result;
    }

    private static string FindingSeverity(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };
}
