using PcapSipAnalyzer.Analyzer.Pipeline;
using Spectre.Console;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// A progress bar on stderr while a large analysis runs — only when stderr is a terminal and colour is
/// allowed (NO_COLOR unset), so logs and pipes never get control characters.
/// </summary>
internal static class ProgressDisplay
{
    private const long LargeInputBytes = 64L << 20;

    public static async Task<AnalysisResult> RunAsync(Analysis analysis, IReadOnlyList<CaptureInput> inputs, bool disabled, CancellationToken cancellationToken)
    {
        long total = inputs.Sum(i => i.Path != "-" && File.Exists(i.Path) ? new FileInfo(i.Path).Length : 0);
        bool show = !disabled && total >= LargeInputBytes && !Console.IsErrorRedirected &&
                    string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        if (!show)
            return await analysis.RunAsync(inputs, cancellationToken);

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        AnalysisResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("reading", maxValue: total);
                var run = analysis.RunAsync(inputs, cancellationToken);
                while (!run.IsCompleted)
                {
                    task.Value = Math.Min(total, analysis.Progress.BytesDone);
                    task.Description = Path.GetFileName(analysis.Progress.CurrentFile);
                    await Task.WhenAny(run, Task.Delay(200, CancellationToken.None));
                }
                result = await run;
                task.Value = total;
            });
        return result!;
    }
}
