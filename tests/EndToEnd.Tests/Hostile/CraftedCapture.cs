using System.Text.Json;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>Runs the CLI on a capture crafted in memory and hands back the run and its JSON report.</summary>
internal static class CraftedCapture
{
    /// <summary>Asserts the run neither crashed nor failed (exit 0).</summary>
    public static (PcapsipRun Run, JsonDocument Report) Analyze(byte[] capture, string fileName = "crafted.pcap")
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, fileName);
        var json = Path.Combine(folder.Path, "report.json");
        File.WriteAllBytes(input, capture);
        var run = PcapsipProcess.Run("analyze", "--no-progress", "--json", json, input);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(0, run.ExitCode);
        return (run, JsonDocument.Parse(File.ReadAllBytes(json)));
    }
}
