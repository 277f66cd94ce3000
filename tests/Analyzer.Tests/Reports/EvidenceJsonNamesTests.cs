using System.Runtime.CompilerServices;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// Every kind of evidence a finding can carry has its names in the JSON details: a new one without them fails the
/// whole report at run time (the writer refuses evidence it cannot name), so each is checked here, found by reflection.
/// </summary>
public class EvidenceJsonNamesTests
{
    public static TheoryData<Type> EvidenceTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(FindingEvidence).Assembly.GetTypes()
                     .Where(t => !t.IsAbstract && typeof(FindingEvidence).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
            data.Add(type);
        return data;
    }

    [Theory]
    [MemberData(nameof(EvidenceTypes))]
    public void Every_evidence_type_has_json_names(Type type)
    {
        // An empty instance: its fields may be null, which a writer's case may trip over; only a missing case fails here.
        var evidence = (FindingEvidence)RuntimeHelpers.GetUninitializedObject(type);
        var finding = new Finding { Kind = FindingKind.ResponseLost, Severity = Severity.Error, Summary = "s", Evidence = evidence };
        var missing = Record.Exception(() => FindingDetails.Of(finding).ToList());
        Assert.False(missing is ArgumentOutOfRangeException { ParamName: "evidence" }, $"{type.Name}: {missing?.Message}");
    }
}
