using PcapSipAnalyzer.Analyzer.Pipeline;
using Spectre.Console;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// The progress bar itself, drawn by Spectre.Console. A type of its own so that Spectre is loaded only when a bar is
/// shown: a field of Spectre's types in <see cref="ProgressDisplay"/>'s async state would load it on every run.
/// </summary>
internal static class ProgressBar
{
    public static async Task<AnalysisResult> RunAsync(Analysis analysis, IReadOnlyList<CaptureInput> inputs, long total, CancellationToken cancellationToken)
    {
        // Told, not detected: Spectre judges a console by standard output, so with stdout redirected it drew the bar
        // as plain lines it could not clear and left "big.pcap: 46%" on the terminal.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        AnalysisResult? result = null;
        try
        {
            await Draw(console, analysis, inputs, total, cancellationToken, r => result = r);
        }
        finally
        {
            // Whatever ended the run (an interrupt, an error), the line is erased before anything else is printed.
            Console.Error.Write("\r\e[2K");
        }
        return result!;
    }

    private static async Task Draw(IAnsiConsole console, Analysis analysis, IReadOnlyList<CaptureInput> inputs, long total,
        CancellationToken cancellationToken, Action<AnalysisResult> done)
    {
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
                done(await run);
                task.Value = total;
            });
    }
}
