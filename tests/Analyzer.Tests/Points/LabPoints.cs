using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Points;

/// <summary>Runs the whole analysis over lab captures (tests/fixtures/lab/&lt;scenario&gt;/).</summary>
internal static class LabPoints
{
    public static string File(string scenario, string name) => Fixtures.PathOf($"lab/{scenario}/{name}");

    /// <summary>router1.pcapng (two interfaces: two points) and pbx-uplink.pcap, as `pcapsip analyze` reads them.</summary>
    public static Task<AnalysisResult> BothAsync(string scenario, string? pbx = null) =>
        AnalyzeAsync(CaptureInput.ForFile(File(scenario, "router1.pcapng")), CaptureInput.ForFile(pbx ?? File(scenario, "pbx-uplink.pcap")));

    public static Task<AnalysisResult> PbxAsync(string scenario) => AnalyzeAsync(CaptureInput.ForFile(File(scenario, "pbx-uplink.pcap")));

    public static Task<AnalysisResult> AnalyzeAsync(params CaptureInput[] inputs) => new Analysis(new AnalysisOptions()).RunAsync(inputs);
}
