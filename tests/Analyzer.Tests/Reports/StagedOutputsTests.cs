using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// The outputs of one run appear together or not at all: nothing is in place before the commit, and a run that
/// ends without one (failure, interrupt) leaves neither temporary files nor the folders it made.
/// </summary>
public sealed class StagedOutputsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pcapsip-staged-").FullName;

    [Fact]
    public void Nothing_is_in_place_before_the_commit_and_everything_after()
    {
        var report = Path.Combine(_root, "report.json");
        File.WriteAllText(report, "an older report");
        var table = Path.Combine(_root, "out", "csv", "findings.csv");
        using (var staged = new StagedOutputs())
        {
            staged.Write(report, s => s.Write("new report"u8));
            staged.CreateDirectory(Path.GetDirectoryName(table)!);
            staged.Write(table, s => s.Write("kind\n"u8));
            Assert.Equal("an older report", File.ReadAllText(report));
            Assert.False(File.Exists(table));
            staged.Commit();
        }
        Assert.Equal("new report", File.ReadAllText(report));
        Assert.Equal("kind\n", File.ReadAllText(table));
        Assert.Equal(["out", "report.json"], Entries(_root));
        Assert.Equal(["findings.csv"], Entries(Path.GetDirectoryName(table)!));
    }

    [Fact]
    public void A_failure_part_way_leaves_no_temporary_file_nor_made_folder_and_the_old_files_unchanged()
    {
        var report = Path.Combine(_root, "report.json");
        File.WriteAllText(report, "an older report");
        var folder = Path.Combine(_root, "out", "csv");
        using (var staged = new StagedOutputs())
        {
            staged.Write(report, s => s.Write("new report"u8));
            staged.CreateDirectory(folder);
            staged.Write(Path.Combine(folder, "a.csv"), s => s.Write("a"u8));
            Assert.Throws<IOException>(() => staged.Write(Path.Combine(folder, "b.csv"), s =>
            {
                s.Write("half"u8);
                throw new IOException("No space left on device");
            }));
        }
        Assert.Equal(["report.json"], Entries(_root));
        Assert.Equal("an older report", File.ReadAllText(report));
    }

    [Fact]
    public void A_cancelled_run_stages_nothing_more_and_cannot_commit()
    {
        using var cancel = new CancellationTokenSource();
        var report = Path.Combine(_root, "report.json");
        using (var staged = new StagedOutputs(cancel.Token))
        {
            staged.Write(report, s => s.Write("x"u8));
            cancel.Cancel();
            Assert.Throws<OperationCanceledException>(() => staged.Write(Path.Combine(_root, "more.json"), _ => { }));
            Assert.Throws<OperationCanceledException>(staged.Commit);
        }
        Assert.Empty(Entries(_root));
    }

    [Fact]
    public void A_folder_that_existed_is_kept()
    {
        var folder = Path.Combine(_root, "csv");
        Directory.CreateDirectory(folder);
        using (var staged = new StagedOutputs())
        {
            staged.CreateDirectory(folder);
            staged.Write(Path.Combine(folder, "a.csv"), s => s.Write("a"u8));
        }
        Assert.Equal(["csv"], Entries(_root));
        Assert.Empty(Entries(folder));
    }

    private static string[] Entries(string folder) =>
        Directory.GetFileSystemEntries(folder).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
