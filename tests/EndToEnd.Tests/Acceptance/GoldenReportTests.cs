using System.Text.RegularExpressions;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The approved console and JSON reports of every lab scenario, from the PBX uplink alone and with the router's
/// capture, live beside the captures (<c>tests/fixtures/lab/SCENARIO/golden/</c>). Any difference fails with the
/// first line that differs; <c>UPDATE_GOLDEN=1</c> approves the current output instead (review the diff in git).
/// </summary>
public partial class GoldenReportTests
{
    public static TheoryData<string, string> Reports()
    {
        var data = new TheoryData<string, string>();
        foreach (var dir in Directory.EnumerateDirectories(Fixtures.PathOf("lab")).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(dir, "pbx-uplink.pcap"))) continue;
            data.Add(Path.GetFileName(dir), "uplink");
            if (Captures(dir, "all").Length > 1) data.Add(Path.GetFileName(dir), "all");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void The_report_equals_the_approved_one(string scenario, string variant)
    {
        string dir = Fixtures.PathOf("lab/" + scenario);
        using var temp = new TempFolder();
        string json = Path.Combine(temp.Path, "report.json");
        var run = PcapsipCli.Run("dotnet", [PcapsipCli.Dll, "analyze", .. Captures(dir, variant), "--no-progress", "--json", json],
            PcapsipCli.DefaultTimeout, workingDirectory: dir);
        Assert.Equal(0, run.ExitCode);

        Compare(Path.Combine(dir, "golden", variant + ".txt"), run.Output);
        Compare(Path.Combine(dir, "golden", variant + ".json"), ToolVersion().Replace(File.ReadAllText(json), "\"tool\": \"pcapsip\""));
    }

    // Relative names, so the reports name the files the same on every machine.
    internal static string[] Captures(string dir, string variant) => variant == "uplink"
        ? ["pbx-uplink.pcap"]
        : Directory.EnumerateFiles(dir).Select(Path.GetFileName).Where(n => n!.EndsWith(".pcap") || n.EndsWith(".pcapng"))
            .Order(StringComparer.Ordinal).Select(n => n!).ToArray();

    private static void Compare(string goldenPath, string actual)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllText(goldenPath, actual);
            return;
        }
        Assert.True(File.Exists(goldenPath), $"no approved report {goldenPath}: run the tests with UPDATE_GOLDEN=1 and review it");
        var expected = File.ReadAllText(goldenPath).Split('\n');
        var lines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expected.Length, lines.Length); i++)
        {
            string e = i < expected.Length ? expected[i] : "<end>", a = i < lines.Length ? lines[i] : "<end>";
            Assert.True(e == a, $"{goldenPath} line {i + 1} differs (UPDATE_GOLDEN=1 approves the new report):\n- {e}\n+ {a}");
        }
    }

    [GeneratedRegex("\"tool\": \"pcapsip [^\"]*\"")]
    private static partial Regex ToolVersion();
}
