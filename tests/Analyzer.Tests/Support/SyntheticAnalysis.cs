using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Support;

/// <summary>Frames built in a test, written as one pcap and analysed the way the CLI does, the file removed after.</summary>
internal static class SyntheticAnalysis
{
    /// <param name="frames">Absolute timestamps (from <see cref="SyntheticCapture.StartNs"/>); written in time order.</param>
    public static async Task<AnalysisResult> RunAsync(IEnumerable<(long Ns, byte[] Frame)> frames)
    {
        string file = Path.Combine(Path.GetTempPath(), $"synthetic-{Guid.NewGuid():N}.pcap");
        try
        {
            await File.WriteAllBytesAsync(file, SyntheticCapture.PcapOf(frames.OrderBy(f => f.Ns)));
            return await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(file)]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The same, with <paramref name="last"/> written 40 s after the last frame: the capture runs past timers F and B
    /// (32 s), so a request nobody answered has timed out.
    /// </summary>
    public static Task<AnalysisResult> RunPastTimersAsync(List<(long Ns, byte[] Frame)> frames, byte[] last)
    {
        frames.Add((frames.Max(f => f.Ns) + 40_000_000_000L, last));
        return RunAsync(frames);
    }
}
