using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Synthesizer;

namespace PcapSipAnalyzer.Analyzer.Tests.Diagnosis;

/// <summary>
/// A site of hundreds of phones, on the PBX's own link (subnet A) and behind a router (subnet B), with the
/// synthesizer's faults: one cause per explanation, each counting exactly the phones the synthesizer made fail
/// that way. On-link phones the PBX ignores were one cause each (seventeen causes for four explanations).
/// </summary>
public sealed class ManyPhonesCauseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pcapsip-many-phones-").FullName;

    [Fact]
    public async Task Each_explanation_is_one_cause_counting_the_phones_it_hits()
    {
        string path = Path.Combine(_directory, "site.pcap");
        var truth = CaptureSynthesis.Run(new SynthesisOptions { OutputPath = path, Phones = 300, TargetBytes = 3_000_000, Seed = 3 });
        int Phones(string subnet, params string[] outcomes) =>
            truth.Registrations.Count(r => (subnet == "*" || r.Subnet == subnet) && outcomes.Contains(r.Outcome));

        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);
        var causes = result.Causes;

        var silent = causes.Where(c => c.Kind == CauseKind.ServerSilent).ToList();
        var onLink = Assert.Single(silent, c => c.Summary.Contains("on its link", StringComparison.Ordinal));
        Assert.Equal(Phones("A", "unanswered", "auth-unanswered"), onLink.ClientCount);
        var routed = Assert.Single(silent, c => c != onLink);
        Assert.Equal(Phones("B", "unanswered", "auth-unanswered"), routed.ClientCount);
        // The synthesizer captures the PBX's own uplink: no response there means the PBX sent none.
        Assert.Contains(" leaves the REGISTERs of ", routed.Summary);
        Assert.Equal(Phones("B", "answered-via-other-gateway"), Assert.Single(causes, c => c.Kind == CauseKind.WrongGatewayRoute).ClientCount);
        Assert.Equal(Phones("*", "rejected"), Assert.Single(causes, c => c.Kind == CauseKind.CredentialsRejected).ClientCount);
        Assert.Equal(4, causes.Count);
        Assert.InRange(onLink.ClientCount, 2, 300); // the seed makes several; one cause holds them all
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
