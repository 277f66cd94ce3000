using System.Security.Cryptography;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// The exit codes scripts act on (66 missing input, 64 bad usage, 73 unwritable output or an output that is an
/// input) and output safety: on failure no report, temporary or partial file is left behind.
/// </summary>
public class ExitCodeTests
{
    private static string Capture => TestSupport.Fixtures.PathOf("lab/healthy/pbx-uplink.pcap");

    [Fact]
    public void Missing_input_exits_66_with_one_line()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "no-such.pcap");
        var run = PcapsipProcess.Run("analyze", "--no-progress", missing);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(66, run.ExitCode);
        Assert.Single(run.StderrLines, l => l.Contains(missing, StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_input_among_good_ones_still_exits_66()
    {
        using var folder = new TempFolder();
        var run = PcapsipProcess.Run("analyze", "--no-progress", Capture, Path.Combine(folder.Path, "gone.pcap"));
        Assert.Equal(66, run.ExitCode);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("analyze", "--no-such-option", "x.pcap")]
    [InlineData("frobnicate", "x.pcap")]
    [InlineData("analyze", "--fail-on", "sometimes", "x.pcap")]
    [InlineData("analyze", "--json")]
    [InlineData("analyze", "--threads", "3", "x.pcap")]
    [InlineData("analyze", "--threads", "0", "x.pcap")]
    public void Bad_usage_exits_64(params string[] args)
    {
        var run = PcapsipProcess.Run(args);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(64, run.ExitCode);
        Assert.NotEmpty(run.StderrLines);
    }

    [Fact]
    public void Json_under_proc_exits_73_and_leaves_nothing()
    {
        var run = PcapsipProcess.Run("analyze", "--no-progress", "--json", "/proc/pcapsip-report.json", Capture);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(73, run.ExitCode);
        Assert.Contains(run.StderrLines, l => l.Contains("/proc/pcapsip-report.json", StringComparison.Ordinal) || l.Contains("cannot write", StringComparison.Ordinal));
        Assert.False(File.Exists("/proc/pcapsip-report.json"));
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--jsonl")]
    [InlineData("--csv")]
    [InlineData("--parquet")]
    [InlineData("--jsonl-tables")]
    public void Output_whose_parent_is_a_regular_file_exits_73(string option)
    {
        // Root may write anywhere, so "unwritable" is made by a parent that is a file, not a directory.
        using var folder = new TempFolder();
        var blocker = Path.Combine(folder.Path, "plain-file");
        File.WriteAllText(blocker, "not a directory");
        var target = Path.Combine(blocker, "out");
        var run = PcapsipProcess.Run("analyze", "--no-progress", option, target, Capture);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(73, run.ExitCode);
        Assert.Equal(["plain-file"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
        Assert.Equal("not a directory", File.ReadAllText(blocker));
    }

    [Fact]
    public void A_failing_output_leaves_no_other_output_behind()
    {
        // --json is writable, --csv is not: the run must fail before writing anything, not leave a JSON report
        // that looks like a complete run.
        using var folder = new TempFolder();
        var blocker = Path.Combine(folder.Path, "plain-file");
        File.WriteAllText(blocker, "x");
        var json = Path.Combine(folder.Path, "report.json");
        var run = PcapsipProcess.Run("analyze", "--no-progress", "--json", json, "--csv", Path.Combine(blocker, "csv"), Capture);
        Assert.Equal(73, run.ExitCode);
        Assert.Equal(["plain-file"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--jsonl")]
    public void Output_equal_to_an_input_is_refused_with_73(string option)
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "in.pcap");
        File.Copy(Capture, input);
        var hash = SHA256.HashData(File.ReadAllBytes(input));
        // The same file spelled differently still counts.
        var spelled = Path.Combine(folder.Path, ".", "..", Path.GetFileName(folder.Path), "in.pcap");
        var run = PcapsipProcess.Run("analyze", "--no-progress", option, spelled, input);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(73, run.ExitCode);
        Assert.Equal(hash, SHA256.HashData(File.ReadAllBytes(input)));
        Assert.Equal(["in.pcap"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Successful_run_leaves_only_the_requested_outputs()
    {
        using var folder = new TempFolder();
        var json = Path.Combine(folder.Path, "report.json");
        var jsonl = Path.Combine(folder.Path, "findings.jsonl");
        var run = PcapsipProcess.Run("analyze", "--no-progress", "--json", json, "--jsonl", jsonl, Capture);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["findings.jsonl", "report.json"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order());
    }
}
