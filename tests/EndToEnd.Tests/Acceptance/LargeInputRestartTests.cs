using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// A large input restarts the process once with a larger budget for the collector's youngest generation (the
/// runtime reads it only from the environment at start). The restart must be invisible but for the speed: the same
/// report, the same exit code, stdout and stderr written once; and it never happens when the user set the budget
/// or turned it off. The threshold is lowered to one byte so that a small fixture stands for a large capture.
/// </summary>
public class LargeInputRestartTests
{
    private const string Notice = "process restarted for a large input";
    private static string Capture => Fixtures.PathOf("lab/wrong-gateway-drop/pbx-uplink.pcap");

    private static Dictionary<string, string?> Environment(string threshold, string? budget = null) => new()
    {
        ["PCAPSIP_GEN0_RELAUNCH_BYTES"] = threshold,
        ["PCAPSIP_GEN0_RELAUNCHED"] = null,
        ["DOTNET_GCgen0size"] = budget,
        ["COMPlus_GCgen0size"] = null,
        ["DOTNET_DiagnosticPorts"] = null,
    };

    [Fact]
    public void A_restarted_run_reports_the_same_and_exits_with_the_same_code()
    {
        var restarted = PcapsipCli.RunWith(Environment("1"), "analyze", Capture, "--no-progress", "--timings", "--fail-on", "error");
        var plain = PcapsipCli.RunWith(Environment("off"), "analyze", Capture, "--no-progress", "--timings", "--fail-on", "error");

        Assert.Contains(Notice, restarted.Error);
        Assert.DoesNotContain(Notice, plain.Error);
        // The wrong-gateway capture has error findings: --fail-on error exits 2, through the restart as well.
        Assert.Equal(2, plain.ExitCode);
        Assert.Equal(plain.ExitCode, restarted.ExitCode);
        Assert.Equal(plain.Output, restarted.Output);
        // Written once: the first image wrote nothing before it was replaced.
        Assert.Single(restarted.Error.Split('\n'), l => l.Contains("phase") && l.Contains("wall s"));
    }

    [Theory]
    [InlineData("-r")]
    [InlineData("--point")]
    public void Inputs_named_by_option_count_as_well(string option)
    {
        // The restart reads the inputs off the parsed command line by the options' names: a renamed option must
        // not silently leave its inputs uncounted.
        string[] input = option == "-r" ? ["-r", Capture] : ["--point", "uplink=" + Capture];
        var run = PcapsipCli.RunWith(Environment("1"), ["analyze", .. input, "--no-progress", "--timings"]).Succeeded();
        Assert.Contains(Notice, run.Error);
    }

    [Fact]
    public void A_budget_the_user_set_is_kept_and_a_small_input_is_not_restarted()
    {
        var userSet = PcapsipCli.RunWith(Environment("1", budget: "2000000"), "analyze", Capture, "--no-progress", "--timings").Succeeded();
        var small = PcapsipCli.RunWith(Environment(null!), "analyze", Capture, "--no-progress", "--timings").Succeeded();

        Assert.DoesNotContain(Notice, userSet.Error);
        // The default threshold (256 MiB) is far above the fixture's size.
        Assert.True(new FileInfo(Capture).Length < 256 << 20);
        Assert.DoesNotContain(Notice, small.Error);
        Assert.Equal(small.Output, userSet.Output);

        // A threshold that is not a number of bytes turns the restart off, as "off" does.
        var garbled = PcapsipCli.RunWith(Environment("64MB"), "analyze", Capture, "--no-progress", "--timings").Succeeded();
        Assert.DoesNotContain(Notice, garbled.Error);
    }

    [Fact]
    public void A_batch_over_large_inputs_restarts_once_and_writes_its_results()
    {
        using var folder = new TempFolder();
        var output = folder.File("out");
        var run = PcapsipCli.RunWith(Environment("1"), "batch", "--out", output, Capture).Succeeded();

        // The job count line is written after the restart point: once, not by both images.
        Assert.Single(run.Error.Split('\n'), l => l.Contains("job(s)"));
        Assert.NotEmpty(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories));
    }
}
