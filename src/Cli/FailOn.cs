using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Cli;

/// <summary>--fail-on error|warning: turns findings into a non-zero exit code for CI gates.</summary>
internal static class FailOn
{
    public static Severity? Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null => null,
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        _ => Severity.Info, // unreachable: the option accepts only the three names
    };

    public static bool Tripped(Severity? threshold, IEnumerable<Severity> found) =>
        threshold is Severity t && found.Any(s => s <= t);
}
