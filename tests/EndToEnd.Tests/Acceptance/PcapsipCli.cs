using System.Diagnostics;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Runs the real <c>pcapsip</c> command (pcapsip.dll, copied next to the tests by the project reference) as a
/// child process, the way a user or a scheduler runs it, with a time limit after which it is killed.
/// </summary>
public static class PcapsipCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "pcapsip.dll");

    public static CliRun Run(params string[] args) => Run(DefaultTimeout, args);

    public static CliRun Run(TimeSpan timeout, params string[] args) => Run("dotnet", [Dll, .. args], timeout);

    /// <summary>pcapsip with these environment variables set (a null value removes one).</summary>
    public static CliRun RunWith(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        Run("dotnet", [Dll, .. args], DefaultTimeout, environment: environment);

    /// <summary>Runs any program (dotnet, an installed tool) with stdin closed and NO_COLOR set.</summary>
    public static CliRun Run(string program, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:F0} s");
        }
        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Result, error.Result);
    }
}
