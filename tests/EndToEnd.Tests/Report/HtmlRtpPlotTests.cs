using System.Globalization;
using System.Text.Json;
using PcapSipAnalyzer.EndToEnd.Tests.Acceptance;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Report;

/// <summary>
/// The healthy lab call (2 s of RTP each way, seen at the PBX uplink and both legs of router 1) as an <c>--html</c>
/// page: one jitter-and-loss plot per stream, each slice holding exactly the packets tshark times into it, the
/// slices adding up to the stream's figures in the JSON, and the page drawn by Chromium without a request.
/// </summary>
public class HtmlRtpPlotTests
{
    [Fact]
    public void Each_stream_gets_a_plot_whose_slices_hold_the_packets_tshark_times_into_them()
    {
        var scenario = LabScenario.Load("healthy");
        using var folder = new TempFolder();
        string page = folder.File("report.html"), json = folder.File("report.json");
        var run = PcapsipCli.Run("analyze", scenario.PbxUplink, scenario.Router1!, "--no-progress", "--html", page, "--json", json);
        Assert.Equal(0, run.ExitCode);
        var report = new HtmlReportPage(File.ReadAllText(page));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var streams = doc.RootElement.GetProperty("rtp_streams").EnumerateArray().ToList();
        Assert.Equal(6, streams.Count);
        var plots = report.Plots;
        Assert.Equal(streams.Count, plots.Count);

        foreach (var stream in streams)
        {
            string point = stream.GetProperty("point").GetString()!;
            string ssrc = $"0x{stream.GetProperty("ssrc").GetUInt32():x8}";
            var plot = Assert.Single(plots, p => (string?)p.Attribute("data-point") == point && (string?)p.Attribute("data-ssrc") == ssrc);
            var slices = HtmlReportPage.Slices(plot);
            Assert.Equal(int.Parse((string)plot.Attribute("data-slices")!, CultureInfo.InvariantCulture), slices.Count);
            Assert.Equal(stream.GetProperty("packets").GetInt64(), slices.Sum(s => (long)s.Attribute("data-packets")!));
            Assert.Equal(stream.GetProperty("lost").GetInt64(), slices.Sum(s => (long)s.Attribute("data-lost")!));
            double maxJitter = slices.Max(s => (double)s.Attribute("data-jitter-max")!);
            Assert.Equal(stream.GetProperty("max_jitter_ms").GetDouble(), maxJitter, 2);

            // tshark's arrival times of the stream's packets, bucketed by the plot's slice width from its first packet.
            bool router = stream.GetProperty("capture").GetInt32() == 1;
            string file = router ? scenario.Router1! : scenario.PbxUplink;
            // A pcap has no interface field; router 1's pcapng has one per leg.
            string filter = $"({stream.GetProperty("wireshark_filter").GetString()})" +
                            (router ? $" && frame.interface_id == {stream.GetProperty("interface").GetInt32()}" : "");
            var times = Tshark.Fields(file, filter, ["frame.time_epoch"]).Select(r => EpochNs(r[0])).ToList();
            Assert.Equal(stream.GetProperty("packets").GetInt64(), times.Count);
            long start = long.Parse((string)plot.Attribute("data-start-ns")!, CultureInfo.InvariantCulture);
            Assert.Equal(times.Min(), start);
            long width = (long)(double.Parse((string)plot.Attribute("data-slice-ms")!, CultureInfo.InvariantCulture) * 1_000_000);
            var expected = new int[(times.Max() - start) / width + 1];
            foreach (long t in times) expected[(t - start) / width]++;
            Assert.Equal(expected, slices.Select(s => (int)s.Attribute("data-packets")!).ToArray());
        }

        HtmlLadderTests.AssertSelfContained(report.Html);
        var (dom, requests) = HeadlessChromium.Load(page);
        Assert.Equal(streams.Count, dom.Split("<svg class=\"plot\"").Length - 1);
        Assert.Empty(requests);
    }

    // "1795680063.025767000" to ns without going through a double (which holds only ~16 digits).
    private static long EpochNs(string epoch)
    {
        var parts = epoch.Split('.');
        return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1_000_000_000
               + long.Parse(parts[1].PadRight(9, '0')[..9], CultureInfo.InvariantCulture);
    }
}
