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
    private static readonly HashSet<FindingKind> PathKinds =
    [
        FindingKind.ResponseWrongGateway, FindingKind.AsymmetricPath, FindingKind.ResponseLost, FindingKind.ResponseWrongPort, FindingKind.ResponseWrongSource, FindingKind.NatBindingExpired, FindingKind.RegisterUnanswered, FindingKind.InviteUnanswered, FindingKind.ConnectionRefused, FindingKind.ConnectionUnanswered,
        FindingKind.SynAckWrongGateway, FindingKind.IcmpError, FindingKind.RegistrationRejected, FindingKind.RouteChanged,
    ];

    /// <summary>
    /// Every scenario three times: SIP parsed by tshark (the oracle); by our own parser and TCP reassembly; and the
    /// same with a topology file written from the lab's own description of its network (the verdicts must not change).
    /// </summary>
    public static TheoryData<string, string> Scenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (var dir in Directory.GetDirectories(PathHarness.Fixture("lab")).Order())
            if (File.Exists(Path.Combine(dir, "pbx-uplink.pcap")))
            {
                data.Add(Path.GetFileName(dir), "tshark");
                data.Add(Path.GetFileName(dir), "ours");
                data.Add(Path.GetFileName(dir), "ours+topology");
            }
        return data;
    }

    public static TheoryData<string> ScanScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(PathHarness.Fixture("lab")).Order())
            if (File.Exists(Path.Combine(dir, "pbx-uplink.pcap")) && ScanSeverity(Path.Combine(dir, "expected.json")) is not null)
                data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Each_client_gets_exactly_the_expected_path_findings(string scenario, string sipParser)
    {
        var dir = PathHarness.Fixture("lab", scenario);
        var topology = sipParser.EndsWith("+topology") ? TopologyOf(Path.Combine(dir, "expected.json")) : null;
        var result = await PathHarness.AnalyzeAsync(Path.Combine(dir, "pbx-uplink.pcap"), tsharkSip: sipParser == "tshark", topology);
        if (topology is not null)
            Assert.All(result.Findings.Where(f => f.Kind == FindingKind.ResponseWrongGateway),
                       f => Assert.Contains("PBX (", f.Explanation));
        foreach (var f in result.Findings)
            output.WriteLine($"{f.Severity} {f.Kind} {f.Client}: {f.Summary}\n    {f.Explanation}\n    symptom: {f.ClientSymptom}\n    filter: {f.WiresharkFilter}\n    frames: {string.Join(",", f.Frames.Select(x => x.Frame))}");

        var expected = ExpectedPerClient(Path.Combine(dir, "expected.json"));
        // A scan the lab ran is one finding about no client, however many sources it used: a warning when the
        // server accepted a scanner's REGISTER or INVITE, information when it only answered OPTIONS pings, challenged
        // and rejected.
        if (ScanSeverity(Path.Combine(dir, "expected.json")) is { } scanSeverity)
            expected[""] = [$"sip-scan:{scanSeverity}"];
        var actual = new Dictionary<string, SortedSet<string>>();
        foreach (var f in result.Findings)
        {
            if (!actual.TryGetValue(f.Client ?? "", out var set)) actual[f.Client ?? ""] = set = new();
            set.Add($"{FindingKinds.WireName(f.Kind)}:{FindingSeverity(f.Severity)}");
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

    /// <summary>The lab's network as a topology file: subnet A's gateway is router 1, as the healthy PBX routes.</summary>
    private static TopologyFile TopologyOf(string expectedJson)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(expectedJson));
        var net = doc.RootElement.GetProperty("network");
        var r1 = net.GetProperty("router1");
        string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;
        return TopologyFile.Parse($$"""
            {
              "subnets": [
                { "cidr": "{{S(net, "subnet_a")}}", "name": "subnet A", "gateway": "{{S(r1, "ip_a")}}" },
                { "cidr": "{{S(net, "subnet_b")}}", "name": "subnet B", "gateway": "{{S(r1, "ip_b")}}" }
              ],
              "hosts": {
                "{{S(net.GetProperty("pbx"), "ip")}}": "PBX",
                "{{S(r1, "ip_a")}}": "router 1",
                "{{S(net.GetProperty("wrong_gateway"), "mac")}}": "gateway 2"
              }
            }
            """);
    }

    /// <summary>
    /// The scan finding's counts against what the lab's scanner sent (its own record): the requests, their sources
    /// and methods, with the phones that registered meanwhile (their first REGISTER challenged) left out.
    /// </summary>
    [Theory]
    [MemberData(nameof(ScanScenarios))]
    public async Task A_lab_scan_is_counted_as_the_scanner_sent_it(string scenario)
    {
        var dir = PathHarness.Fixture("lab", scenario);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        var sent = doc.RootElement.GetProperty("scan");
        var result = await PathHarness.AnalyzeAsync(Path.Combine(dir, "pbx-uplink.pcap"), tsharkSip: false, null);

        var evidence = Assert.IsType<PcapSipAnalyzer.Analyzer.Scans.SipScanEvidence>(
            Assert.Single(result.Findings, f => f.Kind == FindingKind.SipScan).Evidence);
        Assert.Equal(sent.GetProperty("requests").GetInt64(), evidence.Requests);
        Assert.Equal(sent.GetProperty("sources").GetInt64(), evidence.Sources);
        var methods = sent.GetProperty("methods").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetInt64());
        Assert.Equal(methods, evidence.Methods.ToDictionary(m => m.Key, m => m.Value));
        Assert.Equal(evidence.Requests, evidence.FinalStatuses.Sum(s => s.Value) + evidence.NoFinalResponse);
        Assert.Equal(evidence.Requests, evidence.WidePrefixes.Sum(p => p.Requests));
        // The PBX challenged the scanner for its real extensions and said 404 for the others: that is said.
        bool enumerated = sent.GetProperty("answers").EnumerateObject().Any(a => a.Name.StartsWith("404", StringComparison.Ordinal))
                          && sent.GetProperty("answers").EnumerateObject().Any(a => a.Name.StartsWith("401", StringComparison.Ordinal));
        var scanFinding = Assert.Single(result.Findings, f => f.Kind == FindingKind.SipScan);
        Assert.Equal(enumerated, scanFinding.Explanation.Contains("tells which extensions exist", StringComparison.Ordinal));
    }

    // From the lab's own record of what the server answered the scanner ("200 OK (OPTIONS)": 50, …); null without a scan.
    private static string? ScanSeverity(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        if (!doc.RootElement.TryGetProperty("scan", out var scan)) return null;
        bool accepted = scan.TryGetProperty("answers", out var answers) && answers.EnumerateObject()
            .Any(a => a.Name.StartsWith('2') && !a.Name.Contains("(OPTIONS)", StringComparison.Ordinal) && a.Value.GetInt32() > 0);
        return accepted ? "warning" : "info";
    }

    private static Dictionary<string, SortedSet<string>> ExpectedPerClient(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var result = new Dictionary<string, SortedSet<string>>();
        // Behind router 1's NAT the PBX sees a phone by the address and port the NAT gave it (the lab read them from conntrack).
        var natMap = doc.RootElement.GetProperty("nat_map").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        foreach (var client in doc.RootElement.GetProperty("clients").EnumerateArray())
        {
            var name = client.GetProperty("client").GetString()!;
            if (natMap.GetValueOrDefault(name) is { Length: > 0 } translated) name = translated;
            if (!result.TryGetValue(name, out var set)) result[name] = set = new();
            foreach (var f in client.GetProperty("expected_findings").EnumerateArray())
            {
                var kind = f.GetProperty("kind").GetString()!;
                if (FindingKinds.TryParse(kind, out var parsed) && PathKinds.Contains(parsed)) set.Add($"{kind}:{f.GetProperty("severity").GetString()}");
            }
        }
        return result;
    }

    private static string FindingSeverity(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };
}
