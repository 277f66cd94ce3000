using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The command line as a script and a person meet it: an error exit leaves stdout empty and says in one line what
/// was wrong, in the user's terms (the option and the form it takes, the file and why), never a .NET type or a
/// temporary file; '-' means standard output only where one stream can hold the output.
/// </summary>
public class CommandLineTests
{
    private static string Capture => Fixtures.PathOf("lab/wrong-gateway-drop/pbx-uplink.pcap");

    [Theory]
    [InlineData(64, "analyze", "--no-such-option", "CAPTURE")]
    [InlineData(64, "analyze", "--rtp-loss", "abc", "CAPTURE")]
    [InlineData(64, "analyze", "--csv", "-", "CAPTURE")]
    [InlineData(64, "analyze", "--parquet", "-", "CAPTURE")]
    [InlineData(64, "analyze", "--jsonl-tables", "-", "CAPTURE")]
    [InlineData(64, "analyze", "--html", "-", "CAPTURE")]
    [InlineData(64, "analyze", "--annotate-flagged-only", "CAPTURE")]
    [InlineData(64, "analyze", "--annotate", "OUT/copy.pcapng", "-")]
    [InlineData(64, "analyze", "--call-id", "x", "-")]
    [InlineData(64, "analyze", "--filter", "udpp port 5060", "CAPTURE")]
    [InlineData(64, "analyze", "--from", "2026-11-26T07:56:10", "CAPTURE")]
    [InlineData(64, "analyze", "--client", "192.168.1.300", "CAPTURE")]
    [InlineData(64, "batch", "--jobs", "many", "--out", "OUT/batch", "CAPTURE")]
    [InlineData(65, "analyze", "NOT-A-CAPTURE")]
    [InlineData(66, "analyze", "OUT/missing.pcap")]
    [InlineData(66, "analyze", "OUT")]
    [InlineData(73, "analyze", "--json", "OUT/no-such-dir/report.json", "CAPTURE")]
    [InlineData(73, "analyze", "--html", "OUT/no-such-dir/report.html", "CAPTURE")]
    public void An_error_exit_leaves_stdout_empty_and_says_why_in_one_line(int code, params string[] args)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("text.txt"), "just some text, not a capture\n");
        var run = PcapsipCli.Run([.. args.Select(a => a.Replace("NOT-A-CAPTURE", folder.File("text.txt")).Replace("CAPTURE", Capture).Replace("OUT", folder.Path))]);
        Assert.Equal(code, run.ExitCode);
        Assert.Equal("", run.Output);
        var first = run.Error.Split('\n')[0];
        Assert.StartsWith("pcapsip: ", first);
        Assert.DoesNotContain("System.", run.Error);
        Assert.DoesNotContain(".tmp", run.Error);
        Assert.DoesNotContain("denied", run.Error);
    }

    [Fact]
    public void A_parse_error_names_the_option_and_the_form_it_takes()
    {
        var run = PcapsipCli.Run("analyze", "--rtp-loss", "abc", Capture);
        Assert.Contains("--rtp-loss takes a percentage", run.Error);
        Assert.Contains("'abc'", run.Error);
    }

    [Fact]
    public void A_directory_as_input_says_it_is_a_directory_and_what_reads_one()
    {
        using var folder = new TempFolder();
        var run = PcapsipCli.Run("analyze", folder.Path);
        Assert.Equal(66, run.ExitCode);
        Assert.Contains($"{folder.Path} is a directory", run.Error);
        Assert.Contains("pcapsip batch", run.Error);
    }

    [Fact]
    public void A_missing_output_directory_is_named_by_the_output()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "missing", "report.json");
        var run = PcapsipCli.Run("analyze", "--json", target, Capture);
        Assert.Equal(73, run.ExitCode);
        Assert.Contains($"cannot write {target}", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Help_as_a_word_is_help()
    {
        var word = PcapsipCli.Run("help");
        var option = PcapsipCli.Run("--help");
        Assert.Equal(0, word.ExitCode);
        Assert.Equal("", word.Error);
        Assert.Equal(option.Output, word.Output);
        Assert.Contains("analyze", word.Output);
        var command = PcapsipCli.Run("help", "analyze");
        Assert.Equal(0, command.ExitCode);
        Assert.Contains("--call-id", command.Output);
    }

    [Fact]
    public void Jsonl_dash_writes_the_findings_to_stdout_instead_of_the_report()
    {
        var run = PcapsipCli.Run("analyze", "--jsonl", "-", Capture).Succeeded();
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(1, document.RootElement.GetProperty("schema_version").GetInt32());
            Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("finding").GetProperty("kind").GetString()));
        }
        Assert.DoesNotContain("Diagnosis:", run.Output);
    }

    [Fact]
    public void Json_dash_writes_the_report_to_stdout()
    {
        var run = PcapsipCli.Run("analyze", "--json", "-", Capture).Succeeded();
        using var document = JsonDocument.Parse(run.Output);
        Assert.NotEmpty(document.RootElement.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void A_truncated_capture_warns_on_stderr_too()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(Capture);
        var cut = folder.File("cut.pcap");
        File.WriteAllBytes(cut, bytes[..^10]);
        var run = PcapsipCli.Run("analyze", cut).Succeeded();
        Assert.Contains(run.Error.Split('\n'), l => l.StartsWith($"pcapsip: warning: {cut}:", StringComparison.Ordinal));
    }

    [Fact]
    public void Dash_r_reads_the_file_as_if_named()
    {
        var named = PcapsipCli.Run("analyze", "--json", "-", Capture).Succeeded();
        var read = PcapsipCli.Run("analyze", "-r", Capture, "--json", "-").Succeeded();
        using var a = JsonDocument.Parse(named.Output);
        using var b = JsonDocument.Parse(read.Output);
        Assert.Equal(a.RootElement.GetProperty("findings").GetRawText(), b.RootElement.GetProperty("findings").GetRawText());
        Assert.Equal(Capture, b.RootElement.GetProperty("captures")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void A_selection_holds_for_the_annotated_copy_too()
    {
        using var folder = new TempFolder();
        string copy = folder.File("copy.pcapng");
        var run = PcapsipCli.Run("analyze", Capture, "--filter", "udp port 5060", "--annotate", copy).Succeeded();
        var expected = Tshark.Fields(Capture, "udp.port == 5060", ["frame.number"]).Count;
        Assert.Equal(expected, Tshark.Fields(copy, "frame.number").Count);
        Assert.Contains($"kept {expected} of", run.Error);
    }
}
