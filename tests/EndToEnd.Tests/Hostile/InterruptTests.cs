using System.Diagnostics;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Ctrl+C (SIGINT) or SIGTERM while a capture is read or the outputs are written: the command stops, prints
/// <c>pcapsip: interrupted</c>, exits 130 (143 for SIGTERM) and leaves no output of the run — no temporary file,
/// no table folder, not some outputs written and others missing.
/// </summary>
public class InterruptTests(LargeCapture large) : IClassFixture<LargeCapture>
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    [Fact]
    public void Sigint_while_reading_stdin_exits_130_and_writes_nothing()
    {
        // The capture is streamed into standard input without end, so the interrupt is sure to land mid-read.
        using var folder = new TempFolder();
        var json = Path.Combine(folder.Path, "report.json");
        var csv = Path.Combine(folder.Path, "csv");
        long fed = 0;
        var run = PcapsipProcess.Run(TimeSpan.FromSeconds(60), process =>
        {
            var stdin = process.StandardInput.BaseStream;
            var (header, records) = EndlessCapture();
            stdin.Write(header);
            var clock = Stopwatch.StartNew();
            bool interrupted = false;
            try
            {
                while (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(50))
                {
                    stdin.Write(records);
                    fed += records.Length;
                    // Interrupt once the reader has taken a good amount: the pipe only holds 64 KB.
                    if (!interrupted && fed > 8 << 20)
                    {
                        PcapsipProcess.Interrupt(process.Id);
                        interrupted = true;
                    }
                }
            }
            catch (IOException)
            {
                // The child exited and closed its end of the pipe.
            }
            Assert.True(interrupted, "pcapsip ended before it could be interrupted");
        }, "analyze", "--no-progress", "--json", json, "--csv", csv, "-");

        AssertInterrupted(run, 130, folder);
    }

    [Theory]
    [InlineData(SigInt, 130)]
    [InlineData(SigTerm, 143)]
    public void A_signal_while_reading_a_file_exits_and_writes_nothing(int signal, int exitCode)
    {
        using var folder = new TempFolder();
        // Sent once the child has read 24 MB (assemblies and the capture): well inside the 120 MB capture, and in
        // time while it has read less than the capture's length.
        var run = RunAndSignal(folder, signal, process => PcapsipProcess.BytesRead(process.Id) > 24 << 20, StillReading(1));
        AssertInterrupted(run, exitCode, folder);
    }

    [Theory]
    [InlineData(SigInt, 130)]
    [InlineData(SigTerm, 143)]
    public void A_signal_to_a_run_restarted_for_a_large_input_is_answered_the_same(int signal, int exitCode)
    {
        // The threshold lowered so that this capture restarts the process (Gen0Budget): the signal reaches the new
        // image, which reads the capture, and it stops as any run does.
        using var folder = new TempFolder();
        var restart = new Dictionary<string, string> { ["PCAPSIP_GEN0_RELAUNCH_BYTES"] = "1" };
        bool restarted = false;
        var run = RunAndSignal(folder, signal, process =>
        {
            if (PcapsipProcess.BytesRead(process.Id) <= 24 << 20) return false;
            // The new image's environment: the restart happened, and the signal goes to it.
            restarted = File.ReadAllText($"/proc/{process.Id}/environ").Contains("PCAPSIP_GEN0_RELAUNCHED=1\0", StringComparison.Ordinal);
            return true;
        }, StillReading(1), restart);
        Assert.True(restarted, "the run did not restart itself");
        AssertInterrupted(run, exitCode, folder);
    }

    [Fact]
    public void Sigint_while_the_outputs_are_written_leaves_none_of_them()
    {
        // The report, tables and rules are staged before the annotated copy, which reads the capture again:
        // a signal once its temporary file exists lands with every other output already written to its own.
        using var folder = new TempFolder();
        // In time while the annotated copy's pass, the second over the capture, has not read it all.
        var run = RunAndSignal(folder, SigInt, _ => Directory.EnumerateFiles(folder.Path, ".annotated.pcapng.*.tmp").Any(), StillReading(2));
        AssertInterrupted(run, 130, folder);
    }

    [Fact]
    public void Sigterm_during_a_batch_keeps_the_finished_jobs_and_nothing_of_the_interrupted_one()
    {
        using var folder = new TempFolder();
        var small = Path.Combine(folder.Path, "a-small.pcap");
        File.Copy(TestSupport.Fixtures.PathOf("lab/healthy/pbx-uplink.pcap"), small);
        var output = Path.Combine(folder.Path, "out");
        long inputs = new FileInfo(small).Length + new FileInfo(large.Path).Length;
        // Jobs run in name order: the small capture's is done before the large one has been read this far, and the
        // large one's is still running while the child has read less than both captures.
        var run = RunUntilSignalledInTime(output, SigTerm,
            process => PcapsipProcess.BytesRead(process.Id) >= 24 << 20,
            process => PcapsipProcess.BytesRead(process.Id) < inputs,
            interact => PcapsipProcess.Run(TimeSpan.FromSeconds(90), interact, "batch", small, large.Path, "--out", output, "--parquet"));

        Assert.False(run.TimedOut, run.ToString());
        Assert.Equal(143, run.ExitCode);
        Assert.Contains(run.StderrLines, l => l.StartsWith("pcapsip: interrupted", StringComparison.Ordinal));
        Assert.Equal(["a-small.pcap"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(output, "a-small.pcap", ".pcapsip-complete")), run.ToString());
        Assert.DoesNotContain(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    private PcapsipRun RunAndSignal(TempFolder folder, int signal, Func<Process, bool> ready, Func<Process, bool> inTime,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunUntilSignalledInTime(folder.Path, signal, ready, inTime, interact => PcapsipProcess.Run(TimeSpan.FromSeconds(90), interact, environment,
            "analyze", "--no-progress", large.Path,
            "--json", Path.Combine(folder.Path, "report.json"),
            "--jsonl", Path.Combine(folder.Path, "findings.jsonl"),
            "--csv", Path.Combine(folder.Path, "csv"),
            "--parquet", Path.Combine(folder.Path, "tables", "parquet"),
            "--wireshark-colors", Path.Combine(folder.Path, "colors.txt"),
            "--annotate", Path.Combine(folder.Path, "annotated.pcapng")));

    /// <summary>A child is in time while it has read less than <paramref name="passes"/> times the large capture.</summary>
    private Func<Process, bool> StillReading(int passes)
    {
        long length = new FileInfo(large.Path).Length;
        return process => PcapsipProcess.BytesRead(process.Id) < passes * length;
    }

    /// <summary>
    /// Starts a run (<paramref name="start"/>), waits until <paramref name="ready"/>, stops the child (SIGSTOP) and sends
    /// it the signal only if it is still where the test means to interrupt it (<paramref name="inTime"/>, read while it
    /// is stopped), then lets it go on. On a busy machine the test's thread can lose the processor for long enough that
    /// the child finishes its reading, or the whole run, before the signal is sent: such a run says nothing about
    /// pcapsip, so it is run again (up to three times) after its outputs (under <paramref name="outputs"/>) are removed.
    /// </summary>
    private static PcapsipRun RunUntilSignalledInTime(string outputs, int signal, Func<Process, bool> ready, Func<Process, bool> inTime,
        Func<Action<Process>, PcapsipRun> start)
    {
        for (int attempt = 1; ; attempt++)
        {
            bool late = false;
            var run = start(process =>
            {
                var clock = Stopwatch.StartNew();
                while (!process.HasExited && !ready(process) && clock.Elapsed < TimeSpan.FromSeconds(80))
                    Thread.Sleep(2);
                late = !PcapsipProcess.TryStop(process.Id) || !inTime(process);
                if (!late)
                    PcapsipProcess.Signal(process.Id, signal);
                PcapsipProcess.Continue(process.Id);
            });
            if (!late)
                return run;
            Assert.True(attempt < 3, $"three runs ended, or read to the end, before the signal could be sent: {run}");
            if (Directory.Exists(outputs))
                foreach (var entry in Directory.GetFileSystemEntries(outputs))
                {
                    if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                    else File.Delete(entry);
                }
        }
    }

    private static void AssertInterrupted(PcapsipRun run, int exitCode, TempFolder folder)
    {
        Assert.False(run.TimedOut, run.ToString());
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains("pcapsip: interrupted", run.StderrLines);
        Assert.False(run.Crashed, run.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    /// <summary>A pcap header and a block of records (the lab capture's packets) that can be repeated forever.</summary>
    private static (byte[] Header, byte[] Records) EndlessCapture()
    {
        var bytes = File.ReadAllBytes(TestSupport.Fixtures.PathOf("lab/healthy/pbx-uplink.pcap"));
        return (bytes[..24], bytes[24..]);
    }
}
