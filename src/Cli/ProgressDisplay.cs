using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// A progress bar on stderr while a large analysis runs — only when stderr is a terminal and colour is
/// allowed (NO_COLOR unset), so logs and pipes never get control characters — erased when the run ends.
/// </summary>
internal static class ProgressDisplay
{
    private const long LargeInputBytes = 64L << 20;

    public static async Task<AnalysisResult> RunAsync(Analysis analysis, IReadOnlyList<CaptureInput> inputs, bool disabled, CancellationToken cancellationToken)
    {
        long total = inputs.Sum(i => i.Path != "-" && File.Exists(i.Path) ? new FileInfo(i.Path).Length : 0);
        bool show = !disabled && total >= LargeInputBytes && !Console.IsErrorRedirected &&
                    string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return show
            ? await ProgressBar.RunAsync(analysis, inputs, total, cancellationToken)
            : await analysis.RunAsync(inputs, cancellationToken);
    }
}
