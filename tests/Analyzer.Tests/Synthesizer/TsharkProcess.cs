using System.Diagnostics;

namespace PcapSipAnalyzer.Analyzer.Tests.Synthesizer;

/// <summary>Runs tshark (or another Wireshark tool) and returns its exit code and output.</summary>
internal static class TsharkProcess
{
    public static (int ExitCode, string Output, string Errors) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in 5 minutes");
        }
        return (process.ExitCode, output, errors.Result);
    }

    /// <summary>tshark's stderr without the banner it prints when run as root.</summary>
    public static string Complaints(string errors) => string.Join('\n',
        errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("Running as user", StringComparison.Ordinal)));
}
