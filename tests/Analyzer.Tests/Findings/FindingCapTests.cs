using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Tests.Findings;

public class FindingCapTests
{
    private static Finding Make(FindingKind kind, int client, Severity severity = Severity.Error, int count = 1) => new()
    {
        Kind = kind, Severity = severity, Summary = "s", Client = $"10.0.{client / 256}.{client % 256}:5060", Count = count,
    };

    [Fact]
    public void Beyond_the_cap_one_finding_counts_the_rest_and_the_noteworthy_ones_stay()
    {
        var findings = new List<Finding>();
        for (int i = 0; i < 500; i++) findings.Add(Make(FindingKind.ResponseLost, i, count: 1));
        var worst = Make(FindingKind.ResponseLost, 900, count: 50);
        findings.Add(worst);
        findings.Add(Make(FindingKind.RtpLoss, 1, Severity.Warning));

        FindingCap.Apply(findings, maxPerKind: 200);

        var lost = findings.Where(f => f.Kind == FindingKind.ResponseLost).ToList();
        Assert.Equal(201, lost.Count);
        Assert.Contains(worst, lost);
        var rest = Assert.Single(lost, f => f.Evidence is CappedFindingsEvidence);
        Assert.Equal(301, Assert.IsType<CappedFindingsEvidence>(rest.Evidence).FindingsNotListed);
        Assert.Equal(301, rest.Count);
        Assert.Single(findings, f => f.Kind == FindingKind.RtpLoss);
    }

    [Fact]
    public void Errors_are_kept_before_warnings()
    {
        var findings = new List<Finding>();
        for (int i = 0; i < 10; i++) findings.Add(Make(FindingKind.AsymmetricPath, i, Severity.Warning, count: 9));
        for (int i = 10; i < 15; i++) findings.Add(Make(FindingKind.AsymmetricPath, i, Severity.Error));

        FindingCap.Apply(findings, maxPerKind: 5);

        Assert.Equal(6, findings.Count);
        Assert.Equal(5, findings.Count(f => f.Severity == Severity.Error && f.Evidence is not CappedFindingsEvidence));
    }

    [Fact]
    public void Under_the_cap_nothing_changes()
    {
        var findings = Enumerable.Range(0, 200).Select(i => Make(FindingKind.ResponseLost, i)).ToList();
        var before = findings.ToList();

        FindingCap.Apply(findings, maxPerKind: 200);

        Assert.Equal(before, findings);
    }
}
