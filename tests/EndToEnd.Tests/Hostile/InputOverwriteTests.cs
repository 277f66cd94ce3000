using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// No output ever replaces an input, however either is named: through a symbolic or hard link, as a table inside
/// <c>--csv</c>/<c>--parquet</c> DIR, as a <c>--point</c> input, or as a file of a batch run. Each is refused with
/// exit 73 and one line before any analysis, and the input is left byte for byte as it was.
/// </summary>
public class InputOverwriteTests
{
    private static string Capture => TestSupport.Fixtures.PathOf("lab/healthy/pbx-uplink.pcap");

    [Theory]
    [InlineData("--json")]
    [InlineData("--jsonl")]
    [InlineData("--html")]
    [InlineData("--annotate")]
    [InlineData("--wireshark-colors")]
    public void An_input_given_through_a_symlink_is_not_overwritten_through_its_target(string option)
    {
        using var folder = new TempFolder();
        var target = Copy(folder, "real.pcap");
        var link = Path.Combine(folder.Path, "link.pcap");
        File.CreateSymbolicLink(link, target);
        AssertRefused(target, "analyze", "--no-progress", link, option, target);
        Assert.Equal(["link.pcap", "real.pcap"], Entries(folder.Path));
    }

    [Fact]
    public void An_output_that_is_a_hard_link_to_the_input_is_refused()
    {
        using var folder = new TempFolder();
        var input = Copy(folder, "in.pcap");
        var other = Path.Combine(folder.Path, "other-name.json");
        Assert.Equal(0, link(input, other));
        AssertRefused(input, "analyze", "--no-progress", input, "--json", other);
    }

    [Theory]
    [InlineData("--csv", "findings.csv")]
    [InlineData("--csv", "rtp_streams.csv")]
    [InlineData("--parquet", "captures.parquet")]
    [InlineData("--parquet", "finding_frames.parquet")]
    public void An_input_inside_the_table_directory_is_not_overwritten_by_a_table(string option, string name)
    {
        using var folder = new TempFolder();
        var tables = Path.Combine(folder.Path, "tables");
        Directory.CreateDirectory(tables);
        var input = Path.Combine(tables, name);
        File.Copy(Capture, input);
        AssertRefused(input, "analyze", "--no-progress", input, option, tables);
        Assert.Equal([name], Entries(tables));
    }

    [Fact]
    public void A_point_input_is_not_overwritten_by_its_annotated_copy()
    {
        using var folder = new TempFolder();
        var input = Copy(folder, "in.pcap");
        AssertRefused(input, "analyze", "--no-progress", "--point", $"A={input}", "--annotate", input);
        Assert.Equal(["in.pcap"], Entries(folder.Path));
    }

    [Fact]
    public void A_batch_input_is_not_overwritten_by_a_summary_file()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "out");
        Directory.CreateDirectory(output);
        // A capture that happens to sit where the run writes its summary.
        var input = Path.Combine(output, "summary.csv");
        File.Copy(Capture, input);
        AssertRefused(input, "batch", input, "--out", output);
        Assert.Equal(["summary.csv"], Entries(output));
    }

    [Fact]
    public void A_batch_input_is_not_overwritten_by_a_job_report()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "out");
        // The job for "in.pcap" writes out/in.pcap/report.json: here that is a link to the input.
        var input = Copy(folder, "in.pcap");
        Directory.CreateDirectory(Path.Combine(output, "in.pcap"));
        File.CreateSymbolicLink(Path.Combine(output, "in.pcap", "report.json"), input);
        AssertRefused(input, "batch", input, "--out", output);
    }

    [Fact]
    public void Two_outputs_naming_one_file_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var same = Path.Combine(folder.Path, "x.json");
        var run = PcapsipProcess.Run("analyze", "--no-progress", Capture, "--json", same, "--jsonl", same);
        Assert.Equal(64, run.ExitCode);
        Assert.Empty(Entries(folder.Path));
    }

    private static void AssertRefused(string input, params string[] args)
    {
        var hash = SHA256.HashData(File.ReadAllBytes(input));
        var run = PcapsipProcess.Run(args);
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(73, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("one of the inputs", line, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        Assert.Equal(hash, SHA256.HashData(File.ReadAllBytes(input)));
    }

    private static string Copy(TempFolder folder, string name)
    {
        var path = Path.Combine(folder.Path, name);
        File.Copy(Capture, path);
        return path;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int link(string existing, string created);

    private static string[] Entries(string folder) =>
        Directory.GetFileSystemEntries(folder).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
}
