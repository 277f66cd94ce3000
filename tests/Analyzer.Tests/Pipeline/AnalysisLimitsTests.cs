using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

/// <summary>
/// The seams the analysis fuzz target stands on: a capture opened from memory is analysed as its file is, and caps
/// given in <see cref="AnalysisLimits"/> reach the engines (otherwise the fuzzer would never reach an eviction).
/// </summary>
public class AnalysisLimitsTests
{
    private const string Capture = "lab/genuine-wrong-password/pbx-uplink.pcap";

    [Fact]
    public async Task ACaptureOpenedFromMemoryIsAnalysedAsItsFileIs()
    {
        string path = Fixtures.PathOf(Capture);
        var bytes = File.ReadAllBytes(path);
        var fromFile = await new Analysis(new AnalysisOptions { Pipelined = false }).RunAsync([CaptureInput.ForFile(path)]);
        var fromMemory = await new Analysis(new AnalysisOptions { Pipelined = false, OpenInput = _ => new MemoryStream(bytes, writable: false) })
            .RunAsync([new CaptureInput("in-memory.pcap", "pbx-uplink")]);

        Assert.True(fromFile.Captures[0].Summary.Packets > 0);
        Assert.Equal(fromFile.Captures[0].Summary.Packets, fromMemory.Captures[0].Summary.Packets);
        Assert.Equal(fromFile.Points.Sum(p => p.Sip.Transactions.Count), fromMemory.Points.Sum(p => p.Sip.Transactions.Count));
        Assert.Equal(fromFile.Findings.Select(f => f.Kind), fromMemory.Findings.Select(f => f.Kind));
    }

    [Fact]
    public async Task SmallCapsReachTheSipEngine()
    {
        string path = Fixtures.PathOf(Capture);
        var defaults = await new Analysis(new AnalysisOptions { Pipelined = false }).RunAsync([CaptureInput.ForFile(path)]);
        var capped = await new Analysis(new AnalysisOptions
        {
            Pipelined = false,
            Limits = new AnalysisLimits { Sip = new SipEngineOptions { MaxLiveTransactions = 1 } },
        }).RunAsync([CaptureInput.ForFile(path)]);

        Assert.False(defaults.StateEvictions.ContainsKey("sip-transactions"));
        Assert.True(capped.StateEvictions.GetValueOrDefault("sip-transactions") > 0);
    }
}
