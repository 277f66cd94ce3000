using System.Text.Json;
using System.Text.RegularExpressions;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// What an engineer hands on to Wireshark: colour rules in the order of Wireshark's own colorfilters file, loaded by
/// tshark from a profile; a flagged-only copy whose comments keep the original frame numbers and whose report
/// filters select, in that copy, exactly the frames the findings cite.
/// </summary>
public partial class WiresharkHandoffTests
{
    private static string Capture => Fixtures.PathOf("lab/wrong-gateway-drop/pbx-uplink.pcap");

    [Fact]
    public void Colour_rules_are_background_then_foreground_as_tshark_reads_them()
    {
        using var folder = new TempFolder();
        string copy = folder.File("annotated.pcapng"), colors = folder.File("colorfilters");
        PcapsipCli.Run("analyze", Capture, "--annotate", copy, "--wireshark-colors", colors, "--json", folder.File("r.json")).Succeeded();

        var rules = File.ReadAllLines(colors).Where(l => l.StartsWith('@')).ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.Matches(RuleLine(), r));
        // Wireshark's own file, where installed, has the same shape (its ARP rule: light background, dark text).
        if (File.Exists("/usr/share/wireshark/colorfilters"))
            Assert.All(File.ReadAllLines("/usr/share/wireshark/colorfilters").Where(l => l.StartsWith('@')), r => Assert.Matches(RuleLine(), r));

        // Installed as a profile's colorfilters, tshark colours the first cited frame red with white text.
        var home = Directory.CreateDirectory(folder.File("home/.config/wireshark/profiles/pcapsip")).FullName;
        File.Copy(colors, Path.Combine(home, "colorfilters"));
        using var report = JsonDocument.Parse(File.ReadAllBytes(folder.File("r.json")));
        long frame = report.RootElement.GetProperty("findings")[0].GetProperty("frames")[0].GetProperty("frame").GetInt64();
        var pdml = PcapsipCli.Run("env", [$"HOME={folder.File("home")}", $"XDG_CONFIG_HOME={folder.File("home/.config")}",
            "tshark", "-C", "pcapsip", "-r", copy, "-T", "pdml", "--color", "-Y", $"frame.number == {frame}"], PcapsipCli.DefaultTimeout);
        Assert.Contains("<packet foreground='#ffffff' background='#cc0000'>", pdml.Output);
        Assert.Contains("Coloring Rule Name: pcapsip error", pdml.Output);
    }

    [Fact]
    public void A_flagged_only_copy_keeps_original_frame_numbers_and_the_report_filters_work_in_it()
    {
        using var folder = new TempFolder();
        string copy = folder.File("flagged.pcapng"), json = folder.File("r.json");
        PcapsipCli.Run("analyze", Capture, "--annotate", copy, "--annotate-flagged-only", "--json", json).Succeeded();

        // Every frame of the copy names its number in the original, and only flagged frames are there.
        var rows = Tshark.Fields(copy, "frame.number", "frame.comment");
        var original = rows.Select(r => long.Parse(FrameTag().Match(r[1]).Groups[1].Value)).ToList();
        Assert.True(rows.Count < Tshark.Fields(Capture, "frame.number").Count, "the copy keeps fewer frames than the capture");
        Assert.Equal(original.Order(), original);

        using var report = JsonDocument.Parse(File.ReadAllBytes(json));
        foreach (var finding in report.RootElement.GetProperty("findings").EnumerateArray())
        {
            var cited = finding.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("frame").GetInt64()).Distinct().Order().Take(200).ToList();
            var filter = finding.GetProperty("frame_filters")[0].GetProperty("filter").GetString()!;
            var selected = Tshark.Fields(copy, filter, ["frame.comment"]).Select(r => long.Parse(FrameTag().Match(r[0]).Groups[1].Value)).Order().ToList();
            Assert.Equal(cited, selected);
        }
    }

    [GeneratedRegex(@"^@[^@]+@[^@]+@\[\d+,\d+,\d+\]\[\d+,\d+,\d+\]$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"^pcapsip \[frame (\d+)\]")]
    private static partial Regex FrameTag();
}
