using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Tests.Diagnosis;

/// <summary>
/// Toll-fraud attempts from several sources share the password-guessing cause of their server; its first line is about
/// calls, not "password guessing at the registrar", and says so when a guess got through.
/// </summary>
public class TollFraudCauseTests
{
    private static Cause Describe(params int[] accepted)
    {
        var cause = new Cause { Kind = CauseKind.PasswordGuessing, Server = "10.10.0.10", ClientCount = accepted.Length };
        for (int i = 0; i < accepted.Length; i++)
        {
            cause.Clients.Add($"203.0.113.{88 + i}:5060");
            cause.Findings.Add(new Finding
            {
                Kind = FindingKind.TollFraudAttempt, Severity = accepted[i] > 0 ? Severity.Error : Severity.Info, Summary = "s",
                Evidence = new TollFraudEvidence(30, 3_000_000_000, 30, "100", accepted[i]),
            });
        }
        CauseText.Describe(cause, cause.Findings[0]);
        return cause;
    }

    [Fact]
    public void Two_sources_calling_with_guessed_credentials_are_toll_fraud_attempts()
    {
        var c = Describe(0, 0);
        Assert.Equal("Toll-fraud attempts at 10.10.0.10: 2 sources (203.0.113.88:5060, 203.0.113.89:5060) tried 60 calls with guessed credentials, every one refused.", c.Summary);
        Assert.StartsWith("Block these sources at the edge; let only your own phones and trunks call out", c.Fix);
    }

    [Fact]
    public void A_call_accepted_from_any_of_them_is_said_first_in_the_fix()
    {
        var c = Describe(0, 2);
        Assert.EndsWith("tried 62 calls with guessed credentials; 60 were refused and 2 accepted: a password is known to the callers.", c.Summary);
        Assert.StartsWith("Change the password the accepted calls used now", c.Fix);
    }
}
