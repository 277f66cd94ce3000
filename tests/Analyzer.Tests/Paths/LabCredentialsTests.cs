using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// Digest responses computed by real phones (sipp) and checked by a real registrar (kamailio) in the lab, verified
/// with the passwords the lab gave the PBX (tests/lab/lib/scenarios.sh, PBX_USERS).
/// </summary>
public class LabCredentialsTests
{
    private static readonly CredentialsFile LabPasswords = CredentialsFile.Parse("""
        credentials:
          - { user: "1001", password: alpha-1001 }
          - { user: "1002", password: bravo-1002 }
          - { user: "1003", password: charlie-1003 }
          - { user: "1004", password: delta-1004 }
          - { user: "2001", password: desk-2001 }
        """);

    [Fact]
    public async Task Genuinely_wrong_passwords_are_told_wrong()
    {
        var result = await PathHarness.AnalyzeAsync(PathHarness.Fixture("lab", "genuine-wrong-password", "pbx-uplink.pcap"),
                                                    tsharkSip: false, credentials: LabPasswords);
        var rejected = result.Findings.Where(f => f.Kind == FindingKind.RegistrationRejected).ToList();
        Assert.Equal(2, rejected.Count);
        Assert.All(rejected, f => Assert.Equal(DigestVerdict.PasswordWrong, Assert.IsType<RegistrationRejectedEvidence>(f.Evidence).Password));
    }

    [Fact]
    public async Task A_lost_answer_to_the_right_password_says_the_password_was_right()
    {
        var result = await PathHarness.AnalyzeAsync(PathHarness.Fixture("lab", "auth-answer-lost", "pbx-uplink.pcap"),
                                                    tsharkSip: false, credentials: LabPasswords);
        var lost = result.Findings.Where(f => f.Kind != FindingKind.RouteChanged).ToList();
        Assert.Equal(2, lost.Count);
        Assert.All(lost, f =>
        {
            Assert.Equal(DigestVerdict.PasswordRight, Assert.IsType<WrongGatewayEvidence>(f.Evidence).Password);
            Assert.Contains("right password", f.Explanation);
        });
    }
}
