using System.Text.Json;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Issue 5, through the real pipeline: from the PBX-uplink capture alone, each phone of every lab scenario gets
/// exactly the findings its expected.json lists — no more, none missing, one per problem — and the healthy
/// scenario no error or warning. The console report of the field case names the wrong gateway by IP and MAC
/// and says why the phone shows a credentials error.
/// </summary>
public class LabFindingsTests
{
    // Kinds that need several capture points (issue 6): expected.json lists them, the PBX capture alone cannot show them.
    private static readonly HashSet<string> NeedSeveralPoints = ["sip-alg-rewrite"];

    // Kinds whose severity the issues leave open (the lab chose one, the product may choose another).
    private static readonly HashSet<string> SeverityOpen = ["rtp-one-way", "route-changed"];

    public static TheoryData<string> Scenarios() => LabScenario.All();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Each_client_gets_exactly_its_findings_from_the_PBX_uplink_alone(string name)
    {
        var scenario = LabScenario.Load(name);
        var findings = PipelineReport.Of(scenario.PbxUplink).Json.GetProperty("findings").EnumerateArray().ToList();

        var expected = scenario.Clients
            .SelectMany(c => c.ExpectedFindings.Where(f => !NeedSeveralPoints.Contains(f.Kind)).Select(f => (Client: scenario.AtPbx(c), f.Kind, f.Severity)))
            .ToList();
        // A finding about no client (media of calls that pass no capture point) is nobody's.
        var actual = findings.Where(f => f.GetProperty("client").ValueKind != JsonValueKind.Null).Select(f => (Client: f.GetProperty("client").GetString() ?? "(none)", Kind: f.GetProperty("kind").GetString()!,
            Severity: f.GetProperty("severity").GetString()!)).ToList();

        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Fact]
    public void The_healthy_scenario_has_no_error_or_warning()
    {
        var findings = PipelineReport.Of(LabScenario.Load("healthy").PbxUplink).Json.GetProperty("findings").EnumerateArray();
        Assert.DoesNotContain(findings, f => f.GetProperty("severity").GetString() is "error" or "warning");
    }

    [Fact]
    public void Console_report_of_the_field_case_names_the_wrong_gateway_and_why_the_phone_blames_its_password()
    {
        var scenario = LabScenario.Load("wrong-gateway-drop");
        var (ip, mac) = scenario.WrongGateway!.Value;
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, "--no-progress").Succeeded();

        foreach (var phone in scenario.Clients.Where(c => c.ExpectedFindings.Any(f => f.Kind == "response-wrong-gateway")))
        {
            string block = FindingBlock(run.Output, "response-wrong-gateway", phone.Client);
            Assert.Contains($"{ip} ({mac})", block);
            Assert.Contains("symptom", block);
            Assert.Contains("wrong password", block, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Console_report_of_a_lost_answer_to_credentials_says_the_password_was_accepted()
    {
        var scenario = LabScenario.Load("auth-answer-lost");
        var (ip, mac) = scenario.WrongGateway!.Value;
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, "--no-progress").Succeeded();

        foreach (var phone in scenario.Clients)
        {
            string block = FindingBlock(run.Output, "response-wrong-gateway", phone.Client);
            Assert.Contains($"{ip} ({mac})", block);
            string symptom = block[block.IndexOf("symptom", StringComparison.Ordinal)..];
            Assert.Contains("credentials as wrong", symptom, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("accepted", symptom, StringComparison.OrdinalIgnoreCase);
        }
    }

    // The console lines of one finding: from its "[SEVERITY] kind:" line to the next blank line.
    private static string FindingBlock(string console, string kind, string client)
    {
        var blocks = console.Replace("\r\n", "\n").Split("\n\n");
        var block = blocks.SingleOrDefault(b => b.Contains($"] {kind}:", StringComparison.Ordinal) && b.Contains($"client    {client}", StringComparison.Ordinal));
        Assert.True(block is not null, $"no {kind} finding for {client} in the console report:\n{console}");
        return block;
    }

    private static List<string> Describe(IEnumerable<(string Client, string Kind, string Severity)> findings) =>
        findings.Select(f => $"{f.Client} {f.Kind} {(SeverityOpen.Contains(f.Kind) ? "(severity open)" : f.Severity)}")
            .Order(StringComparer.Ordinal).ToList();
}
