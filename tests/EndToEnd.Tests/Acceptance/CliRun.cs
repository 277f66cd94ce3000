namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>What one run of the pcapsip command gave: exit code and both output streams.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Fails the test with the command's stderr when it did not exit 0.</summary>
    public CliRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}: {Error}\n{Output}");
        return this;
    }
}
