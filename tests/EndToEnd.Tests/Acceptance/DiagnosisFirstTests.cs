using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The answer first, and no false alarm: on every lab scenario, from the PBX uplink alone and with the router's
/// capture, a healthy capture exits 0 under <c>--fail-on error</c> and shows no ERROR; a faulty one names, in its
/// first 25 console lines, the wrong gateway, the gateway the requests come from and the affected subnet, with
/// exactly one error-level cause per bad route the lab set up (its subnet and both next hops as the lab knows them).
/// The lab's expected.json is the truth.
/// </summary>
public class DiagnosisFirstTests
{
    public static TheoryData<string, string> Runs() => GoldenReportTests.Reports();

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_first_screen_names_the_cause_and_healthy_captures_raise_no_error(string scenario, string variant)
    {
        string dir = Fixtures.PathOf("lab/" + scenario);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        var truth = expected.RootElement;
        var files = GoldenReportTests.Captures(dir, variant);
        using var temp = new TempFolder();
        string json = temp.File("report.json");
        var run = PcapsipCli.Run("dotnet", [PcapsipCli.Dll, "analyze", .. files, "--no-progress", "--fail-on", "error", "--json", json],
            PcapsipCli.DefaultTimeout, dir);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var errorCauses = report.RootElement.GetProperty("causes").EnumerateArray()
            .Where(c => c.GetProperty("severity").GetString() == "error").ToList();

        LateAnswersFollowTheirCause(truth, report.RootElement, run.Output);
        // Requests a router turned away are seen only where that router's capture is: the one error cause names it.
        bool refusedSeen = truth.TryGetProperty("refused", out var refused)
            && files.Any(f => Path.GetFileNameWithoutExtension(f) == refused.GetProperty("seen_at").GetString());
        if (refusedSeen)
        {
            Assert.Equal(2, run.ExitCode);
            var cause = Assert.Single(errorCauses);
            Assert.Equal("request-undelivered", cause.GetProperty("kind").GetString());
            Assert.Equal(refused.GetProperty("subnet").GetString(), cause.GetProperty("subnet").GetString());
            var by = refused.GetProperty("by");
            Assert.Contains($"{by.GetProperty("ip").GetString()} ({by.GetProperty("mac").GetString()})", string.Join('\n', run.Output.Split('\n').Take(5)));
            return;
        }
        var routes = BadRoutes(truth);
        bool faulty = ExpectedErrors(truth) || truth.GetProperty("media").EnumerateArray().Any(m => !m.GetProperty("delivered").GetBoolean());
        if (!faulty)
        {
            Assert.True(run.ExitCode == 0, $"{scenario} ({variant}) is healthy but --fail-on error exited {run.ExitCode}:\n{run.Output}");
            Assert.DoesNotContain("[ERROR]", run.Output);
            Assert.Empty(errorCauses);
            return;
        }
        Assert.Equal(2, run.ExitCode);
        if (routes.Count == 0) return; // a media fault: no route to name
        Assert.Equal(routes.Count, errorCauses.Count);
        var head = string.Join('\n', run.Output.Split('\n').Take(25));
        foreach (var (wrong, right, subnet) in routes)
        {
            Assert.Contains(wrong, head);
            Assert.Contains(right, head);
            Assert.Contains(subnet, head);
            Assert.Single(errorCauses, c => c.GetProperty("subnet").GetString() == subnet
                && c.GetProperty("wrong_next_hop").GetProperty("ip").GetString() == wrong
                && c.GetProperty("right_next_hop").GetProperty("ip").GetString() == right);
        }
    }

    [Fact]
    public void An_input_that_could_not_be_read_is_never_called_healthy()
    {
        using var temp = new TempFolder();
        string text = temp.File("notes.pcap");
        File.WriteAllText(text, "not a capture\n");
        // An input error ends in 65 with stdout empty (no report a script could take for complete), the reason on
        // stderr, and the files asked for holding what the readable inputs gave, with the error named.
        var unreadable = PcapsipCli.Run("analyze", text, "--no-progress");
        Assert.Equal(65, unreadable.ExitCode);
        Assert.Equal("", unreadable.Output);
        Assert.StartsWith($"pcapsip: {text}: ", unreadable.Error);

        string json = temp.File("mixed.json");
        var mixed = PcapsipCli.Run("analyze", text, Fixtures.PathOf("lab/healthy/pbx-uplink.pcap"), "--no-progress", "--json", json);
        Assert.Equal(65, mixed.ExitCode);
        Assert.Equal("", mixed.Output);
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(json));
        var captures = report.RootElement.GetProperty("captures");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, captures[0].GetProperty("error").ValueKind);
        Assert.True(captures[1].GetProperty("packets").GetInt64() > 0);
    }

    // The answers a PBX sent to late retransmissions (the lab counts them from the PBX's own log) are evidence of
    // the cause that lost the first answer: counted there and in the first screen, and never a rejection.
    private static void LateAnswersFollowTheirCause(JsonElement truth, JsonElement report, string console)
    {
        int expected = 0;
        var clients = new List<string>();
        if (truth.TryGetProperty("late_answers", out var late))
            foreach (var c in late.GetProperty("per_client").EnumerateObject())
            {
                expected += c.Value.GetInt32();
                clients.Add(c.Name);
            }
        int reported = report.GetProperty("causes").EnumerateArray()
            .Sum(c => c.TryGetProperty("late_answers", out var l) ? l.GetProperty("count").GetInt32() : 0);
        Assert.Equal(expected, reported);
        if (expected == 0) return;
        Assert.Contains("to late retransmissions", string.Join('\n', console.Split('\n').Take(25)));
        foreach (var client in clients)
        {
            var findings = report.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("client").GetString() == client).ToList();
            Assert.DoesNotContain(findings, f => f.GetProperty("kind").GetString() == "registration-rejected");
            Assert.Contains(findings, f => f.GetProperty("explanation").GetString()!.Contains("not from a malformed request"));
        }
    }

    private static bool ExpectedErrors(JsonElement truth) =>
        truth.GetProperty("clients").EnumerateArray().Any(c => c.GetProperty("expected_findings").EnumerateArray()
            .Any(f => f.GetProperty("severity").GetString() == "error"));

    // The lab's bad routes: the PBX's stale route for a subnet through a gateway that drops, while router 1
    // forwards that subnet's requests. Scenarios where the wrong gateway forwards or redirects are warnings.
    private static List<(string Wrong, string Right, string Subnet)> BadRoutes(JsonElement truth)
    {
        var routes = new List<(string, string, string)>();
        if (truth.TryGetProperty("root_causes", out var causes))
        {
            foreach (var c in causes.EnumerateArray())
                routes.Add((c.GetProperty("wrong_next_hop").GetProperty("ip").GetString()!, c.GetProperty("right_next_hop").GetProperty("ip").GetString()!,
                    c.GetProperty("subnet").GetString()!));
            return routes;
        }
        if (!ExpectedErrors(truth)) return routes;
        var network = truth.GetProperty("network");
        if (!network.TryGetProperty("wrong_gateway", out var wrong) || !network.TryGetProperty("router1", out var router)) return routes;
        bool wrongGatewayFault = truth.GetProperty("clients").EnumerateArray().Any(c => c.GetProperty("expected_findings").EnumerateArray()
            .Any(f => f.GetProperty("kind").GetString() is "response-wrong-gateway" or "syn-ack-wrong-gateway"));
        if (wrongGatewayFault)
            routes.Add((wrong.GetProperty("ip").GetString()!, router.GetProperty("ip_a").GetString()!, network.GetProperty("subnet_b").GetString()!));
        return routes;
    }
}
