using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Pipeline;

/// <summary>
/// The pipelined analysis (engines on a second thread, packets handed over in batches) gives the very report
/// the one-thread analysis gives: same JSON, byte for byte, on every public capture and every lab capture.
/// </summary>
public class PipelinedAnalysisTests
{
    public static IEnumerable<object[]> Captures() =>
        Fixtures.PublicCaptureRows().Concat(
            System.IO.Directory.GetDirectories(Fixtures.PathOf("lab")).OrderBy(d => d, StringComparer.Ordinal)
                .SelectMany(d => new[] { "pbx-uplink.pcap", "router1.pcapng" }.Select(f => Path.Combine(d, f)))
                .Where(File.Exists)
                .Select(f => new object[] { Path.GetRelativePath(Fixtures.Directory, f) }));

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task OneCaptureGivesTheSameReport(string file)
    {
        var input = CaptureInput.ForFile(Fixtures.PathOf(file));
        Assert.Equal(await ReportAsync([input], pipelined: false), await ReportAsync([input], pipelined: true));
    }

    // SIP over UDP parsed by the reader's thread or by the engines' (the balanced analysis mixes the two as the
    // threads' load shifts): the same report.
    [Theory]
    [MemberData(nameof(Captures))]
    public async Task SipParsedOnEitherThreadGivesTheSameReport(string file)
    {
        var input = CaptureInput.ForFile(Fixtures.PathOf(file));
        string engines = await ReportAsync([input], pipelined: true, SipParsing.EnginesThread);
        Assert.Equal(engines, await ReportAsync([input], pipelined: true, SipParsing.ReaderThread));
    }

    [Fact]
    public async Task SeveralCapturePointsGiveTheSameReport()
    {
        // Two files: the hand-over is drained between them (the second file's packets go to other points).
        var inputs = new[] { "lab/wrong-gateway-drop/pbx-uplink.pcap", "lab/wrong-gateway-drop/router1.pcapng" }
            .Select(f => CaptureInput.ForFile(Fixtures.PathOf(f))).ToList();
        string single = await ReportAsync(inputs, pipelined: false);
        Assert.Contains("\"response-wrong-gateway\"", single);
        Assert.Equal(single, await ReportAsync(inputs, pipelined: true));
    }

    private static async Task<string> ReportAsync(IReadOnlyList<CaptureInput> inputs, bool pipelined,
        SipParsing parsing = SipParsing.Balanced)
    {
        var result = await new Analysis(new AnalysisOptions { Pipelined = pipelined, SipParsing = parsing }).RunAsync(inputs);
        using var buffer = new MemoryStream();
        JsonReportWriter.Write(buffer, result, "test");
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
