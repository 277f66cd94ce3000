using System.Diagnostics;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Ctrl+C while a large capture is being read: exit 130 and no output file, temporary or partial, left behind.
/// The capture is streamed into standard input without end, so the interrupt is sure to land mid-read.
/// </summary>
public class InterruptTests
{
    [Fact]
    public void Sigint_while_reading_exits_130_and_writes_nothing()
    {
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

        Assert.False(run.TimedOut, run.ToString());
        Assert.Equal(130, run.ExitCode);
        Assert.DoesNotContain("Unhandled exception", run.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    /// <summary>A pcap header and a block of records (the lab capture's packets) that can be repeated forever.</summary>
    private static (byte[] Header, byte[] Records) EndlessCapture()
    {
        var bytes = File.ReadAllBytes(TestSupport.Fixtures.PathOf("lab/healthy/pbx-uplink.pcap"));
        return (bytes[..24], bytes[24..]);
    }
}
