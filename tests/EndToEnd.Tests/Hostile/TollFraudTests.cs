using System.Text.Json;
using PcapSipAnalyzer.Synthesizer;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.EndToEnd.Tests.Hostile.FloodTests;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// A program calling international numbers through the PBX with guessed credentials for extension 100 (toll fraud) was
/// not mentioned at all: "No routing or registration problem found". It is an attack, and once a guess is accepted an
/// error; a PBX whose trunk password is wrong places refused calls too, and is no attacker.
/// </summary>
public class TollFraudTests
{
    [Fact]
    public void Calls_tried_with_guessed_credentials_are_a_toll_fraud_attempt()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.TollFraud, o => o.FloodCount = 30);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("password-guessing", cause.GetProperty("kind").GetString());
        Assert.Equal("info", cause.GetProperty("severity").GetString());
        Assert.StartsWith("Toll-fraud attempt: 203.0.113.88:5060 tried 30 calls in 2.9 s (one every 100 ms) with credentials for user 100 to 30 numbers (",
            cause.GetProperty("summary").GetString());
        Assert.Contains("restrict the dial plan", cause.GetProperty("fix").GetString());
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("toll-fraud-attempt", finding.GetProperty("kind").GetString());
        var details = finding.GetProperty("details");
        Assert.Equal(30, details.GetProperty("attempts").GetInt32());
        Assert.Equal(30, details.GetProperty("numbers").GetInt32());
        Assert.Equal("100", details.GetProperty("user").GetString());
        Assert.Equal(0, details.GetProperty("accepted").GetInt32());
        Assert.EndsWith("the password guessing below (C1) is an attack to block at the edge, not a fault of the phones.", run.Stdout.Split('\n')[0]);
        // Its filter shows every call of the caller, as tshark reads it.
        string filter = finding.GetProperty("wireshark_filter").GetString()!;
        Assert.Equal(Tshark.Fields(capture, "sip.CSeq.method == \"INVITE\"", ["frame.number"]).Count, Tshark.Fields(capture, filter, ["frame.number"]).Count);
    }

    [Fact]
    public void A_call_accepted_with_a_guessed_password_makes_the_attempt_an_error()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.TollFraud, o => { o.FloodCount = 40; o.ScanAnswered = 0.1; });
        var (run, report) = Analyze(folder, capture);

        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("error", cause.GetProperty("severity").GetString());
        var details = report.RootElement.GetProperty("findings")[0].GetProperty("details");
        int accepted = details.GetProperty("accepted").GetInt32();
        Assert.InRange(accepted, 1, 39);
        Assert.False(details.TryGetProperty("attempts_at_least", out _));
        // tshark counts the 200 OKs to INVITE that the caller got.
        Assert.Equal(Tshark.Fields(capture, "sip.Status-Code == 200 && sip.CSeq.method == \"INVITE\"", ["frame.number"]).Count, accepted);
        Assert.Contains($"tried 40 calls in ", cause.GetProperty("summary").GetString());
        Assert.Contains($"the server refused {40 - accepted} and accepted {accepted}: the password of user 100 is known to the caller", cause.GetProperty("summary").GetString());
        Assert.StartsWith("Change the password", cause.GetProperty("fix").GetString());
        Assert.StartsWith("Diagnosis: 1 error", run.Stdout.Split('\n')[0]);
    }

    [Fact]
    public void Guessing_at_the_registrar_beside_calls_accepted_with_a_guessed_password_says_both()
    {
        // As an attack goes: one address guesses passwords at the registrar, another calls out with one, three calls
        // accepted. One cause for the server; its summary must not say "every one refused" of the calls.
        using var folder = new TempFolder();
        var calls = Synthesize(folder, FloodKind.TollFraud, o => { o.FloodCount = 40; o.ScanAnswered = 0.1; });
        var guesses = Synthesize(folder, FloodKind.PasswordGuessing, o => o.FloodCount = 100);
        var json = Path.Combine(folder.Path, "both.json");
        var run = PcapsipProcess.Run(["analyze", "--no-progress", "--json", json, "--point", "calls=" + calls, "--point", "registrar=" + guesses]);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(0, run.ExitCode);

        using var report = JsonDocument.Parse(File.ReadAllBytes(json));
        var cause = Assert.Single(report.RootElement.GetProperty("causes").EnumerateArray());
        Assert.Equal("password-guessing", cause.GetProperty("kind").GetString());
        Assert.Equal("error", cause.GetProperty("severity").GetString());
        int accepted = Tshark.Fields(calls, "sip.Status-Code == 200 && sip.CSeq.method == \"INVITE\"", ["frame.number"]).Count;
        Assert.InRange(accepted, 1, 39);
        string summary = cause.GetProperty("summary").GetString()!;
        Assert.StartsWith("Password guessing and toll-fraud attempts at 10.10.0.10: 2 sources (", summary);
        Assert.Contains(" made 100 attempts to register, every one refused, and tried 40 calls with guessed credentials; "
                        + $"{40 - accepted} were refused and {accepted} accepted: a password is known to the callers.", summary);
        Assert.StartsWith("Change the password the accepted calls used", cause.GetProperty("fix").GetString());
    }

    [Fact]
    public void Calls_past_the_transactions_kept_are_counted_as_at_least()
    {
        // 12 000 calls: more transactions than the report keeps. The finding counts the kept ones, and says so.
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.TollFraud, o => o.FloodCount = 12_000);
        var (run, report) = Analyze(folder, capture);

        AssertBounded(run);
        Assert.True(report.RootElement.GetProperty("state_evictions").GetProperty("sip-transactions-not-retained").GetInt64() > 0);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        var details = finding.GetProperty("details");
        Assert.True(details.GetProperty("attempts_at_least").GetBoolean());
        Assert.InRange(details.GetProperty("attempts").GetInt32(), 20, 12_000 - 1);
        Assert.StartsWith("Toll-fraud attempt: 203.0.113.88:5060 tried at least ", finding.GetProperty("summary").GetString());
        Assert.EndsWith("these counts and this pace are of the ones kept.", finding.GetProperty("explanation").GetString());
    }

    [Fact]
    public void A_pbx_whose_trunk_refuses_its_calls_is_no_attacker()
    {
        using var folder = new TempFolder();
        var capture = Synthesize(folder, FloodKind.TrunkRefused, o => o.FloodCount = 30);
        var (_, report) = Analyze(folder, capture);
        Assert.DoesNotContain(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "toll-fraud-attempt");
        Assert.Empty(report.RootElement.GetProperty("causes").EnumerateArray());
    }
}
