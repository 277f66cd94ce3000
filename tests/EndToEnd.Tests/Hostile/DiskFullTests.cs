using System.Diagnostics;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// A write that fails part-way (a full disk) leaves no output of the run and exits 73: the files written before
/// the failure are temporaries, deleted with the one that failed, and so are the folders the run made. A full
/// disk is a 64 KB tmpfs (mounting needs root, as CI runs); /dev/full, which fails every write, stands in for it
/// where no tmpfs can be mounted.
/// </summary>
public class DiskFullTests
{
    private static string Capture => TestSupport.Fixtures.PathOf("lab/healthy/pbx-uplink.pcap");

    [Theory]
    // The outputs of the lab capture take ~100 KB: the report and the tables fit in 64 KB, the annotated copy does not.
    [InlineData("64k", "--json", "report.json", "--csv", "csv", "--annotate", "annotated.pcapng")]
    // 8 KB hold two of the tables (a page each): the third fails, as a full disk left 3 of 7 tables behind.
    [InlineData("8k", "--csv", "csv", "--parquet", "parquet")]
    public void A_full_disk_while_writing_leaves_no_output_and_exits_73(string size, params string[] outputs)
    {
        using var folder = new TempFolder();
        var disk = Path.Combine(folder.Path, "disk");
        Directory.CreateDirectory(disk);
        if (!Mount(disk, size))
        {
            A_failing_last_output_leaves_none_of_the_others();
            return;
        }
        try
        {
            var args = new List<string> { "analyze", "--no-progress", Capture };
            for (int i = 0; i < outputs.Length; i += 2)
                args.AddRange([outputs[i], Path.Combine(disk, outputs[i + 1])]);
            AssertFailedCleanly(PcapsipProcess.Run([.. args]), disk);
        }
        finally
        {
            Run("umount", disk);
        }
    }

    [Fact]
    public void A_failing_last_output_leaves_none_of_the_others()
    {
        using var folder = new TempFolder();
        var run = PcapsipProcess.Run("analyze", "--no-progress", Capture,
            "--json", Path.Combine(folder.Path, "report.json"), "--csv", Path.Combine(folder.Path, "out", "csv"),
            "--parquet", Path.Combine(folder.Path, "parquet"), "--annotate", Path.Combine(folder.Path, "annotated.pcapng"),
            "--wireshark-colors", "/dev/full");
        AssertFailedCleanly(run, folder.Path);
    }

    private static void AssertFailedCleanly(PcapsipRun run, string folder)
    {
        Assert.False(run.Crashed, run.ToString());
        Assert.Equal(73, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("No space left on device", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    private static bool Mount(string directory, string size) =>
        Environment.UserName == "root" && File.Exists("/bin/mount") && Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", directory);

    private static bool Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit(10_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
