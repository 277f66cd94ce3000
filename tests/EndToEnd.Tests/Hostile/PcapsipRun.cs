namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>What one run of the pcapsip CLI did: exit code, output, peak memory, whether it had to be killed.</summary>
public sealed record PcapsipRun(int ExitCode, string Stdout, string Stderr, long PeakRssKb, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>Non-empty stderr lines.</summary>
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A crash is exit 1 (unhandled exception), a .NET stack trace, or a run killed by the timeout.</summary>
    public bool Crashed => TimedOut || ExitCode is 1 or 134 or 139 || Stderr.Contains("Unhandled exception", StringComparison.Ordinal)
        || Stderr.Contains("   at ", StringComparison.Ordinal);

    public override string ToString() =>
        $"exit {ExitCode}{(TimedOut ? " (killed after timeout)" : "")} in {Elapsed.TotalSeconds:F1} s, peak RSS {PeakRssKb / 1024} MB\n--- stderr ---\n{Stderr}\n--- stdout (first 2000 chars) ---\n{Stdout[..Math.Min(Stdout.Length, 2000)]}";
}
