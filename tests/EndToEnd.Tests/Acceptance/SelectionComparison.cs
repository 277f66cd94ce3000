using System.Globalization;
using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Analyzer.Selection;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// A selection next to tshark's equivalent display filter: the same number of packets, and the same SIP requests per
/// method and responses per status as <c>tshark -z sip,stat,FILTER</c>. One tshark run gives both (the display filter
/// picks the frames it lists, the statistics tap counts on its own filter), since starting tshark is most of the cost.
/// </summary>
internal static class SelectionComparison
{
    /// <param name="tsharkOptions">Options before the filter, e.g. <c>-2</c> for fields only a second pass fills
    /// (<c>tcp.reassembled_in</c>) or <c>-d</c> for SIP on another port.</param>
    public static async Task<(long Kept, AnalysisResult Result)> AssertSameAs(string capture, PacketSelection selection, string display,
        string? sipFilter = null, params string[] tsharkOptions)
    {
        var (result, json) = await Analyse(capture, selection);
        var (expected, tshark) = Tshark(capture, display, sipFilter ?? display, tsharkOptions);
        long kept = result.Captures[0].Kept!.Count;
        Assert.True(expected > 0, $"the display filter {display} selects nothing: the test would prove nothing");
        Assert.Equal(expected, kept);

        var requests = json.GetProperty("sip").GetProperty("requests").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        var responses = json.GetProperty("sip").GetProperty("responses").EnumerateObject().ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.GetInt64());
        Assert.Equal(tshark.Requests.OrderBy(p => p.Key), requests.OrderBy(p => p.Key));
        Assert.Equal(tshark.Responses.OrderBy(p => p.Key), responses.OrderBy(p => p.Key));
        return (kept, result);
    }

    public static async Task<(AnalysisResult Result, JsonElement Json)> Analyse(string capture, PacketSelection selection)
    {
        var result = await new Analysis(new AnalysisOptions { Selection = selection }).RunAsync([CaptureInput.ForFile(capture)]);
        using var buffer = new MemoryStream();
        JsonReportWriter.Write(buffer, result, "e2e");
        using var document = JsonDocument.Parse(buffer.ToArray());
        return (result, document.RootElement.Clone());
    }

    /// <summary>The frames of a capture that a display filter shows, comma-separated for a <c>frame.number in {…}</c>-like set.</summary>
    public static string FrameSet(string capture, string display, params string[] tsharkOptions) =>
        string.Join(",", TestSupport.Tshark.Fields(capture, display, ["frame.number"], tsharkOptions).Select(r => r[0]));

    private static (long Frames, TsharkSipStat Sip) Tshark(string capture, string display, string sipFilter, string[] options)
    {
        var run = TestSupport.Tshark.Run(["-n", "-r", capture, .. options, "-Y", display, "-T", "fields", "-e", "frame.number", "-z", "sip,stat," + sipFilter]);
        Assert.True(run.ExitCode == 0, $"tshark exited {run.ExitCode}: {run.Error}");
        // The frame numbers come first, one a line; the statistics follow after a line of '='.
        int stats = run.Output.StartsWith("===", StringComparison.Ordinal) ? 0 : run.Output.IndexOf("\n===", StringComparison.Ordinal);
        Assert.True(stats >= 0, "tshark printed no SIP statistics");
        long frames = run.Output[..stats].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return (frames, TsharkSipStat.Parse(run.Output[stats..]));
    }
}
