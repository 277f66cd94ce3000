using PcapSipAnalyzer.EndToEnd.Tests.Hostile;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// <c>--threads 1|2</c> gives the same report through the CLI; <c>--timings</c> puts its table on stderr only,
/// so the data on stdout is what it is without it.
/// </summary>
public class ThreadsAndTimingsTests
{
    private static string Capture => TestSupport.Fixtures.PathOf("lab/wrong-gateway-drop/pbx-uplink.pcap");

    [Fact]
    public void One_and_two_threads_write_the_same_report()
    {
        var one = PcapsipProcess.Run("analyze", "--no-progress", "--threads", "1", "--json", "-", Capture);
        var two = PcapsipProcess.Run("analyze", "--no-progress", "--threads", "2", "--json", "-", Capture);

        Assert.Equal(0, one.ExitCode);
        Assert.Equal(0, two.ExitCode);
        Assert.Contains("\"response-wrong-gateway\"", one.Stdout);
        Assert.Equal(one.Stdout, two.Stdout);
    }

    [Fact]
    public void Timings_go_to_stderr_and_name_every_phase()
    {
        var plain = PcapsipProcess.Run("analyze", "--no-progress", "--json", "-", Capture);
        var timed = PcapsipProcess.Run("analyze", "--no-progress", "--timings", "--json", "-", Capture);

        Assert.Equal(0, timed.ExitCode);
        Assert.Equal(plain.Stdout, timed.Stdout);
        foreach (var phase in new[] { "read pbx-uplink.pcap", "paths", "media", "cross-point", "console report", "output files", "process:" })
            Assert.Contains(timed.StderrLines, l => l.StartsWith("pcapsip: " + phase, StringComparison.Ordinal));
        Assert.DoesNotContain(plain.StderrLines, l => l.Contains("process:", StringComparison.Ordinal));
    }
}
