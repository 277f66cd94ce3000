using PcapSipAnalyzer.Analyzer.Pipeline;
using Spectre.Console;

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
        if (!show)
            return await analysis.RunAsync(inputs, cancellationToken);

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
