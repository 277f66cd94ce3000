namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>What the JSON report and stderr said about one input of a pcapsip run.</summary>
public sealed record CaptureOutcome(DamagedFile File, string Path, long Packets, bool Truncated, string[] Warnings, string? Error,
    string[] StderrLines, PcapsipRun Run)
{
    public override string ToString() =>
        $"{File.Name}: packets {Packets} (before damage {File.PacketsBeforeDamage?.ToString() ?? "?"}), truncated {Truncated}, " +
        $"error {Error ?? "none"}, warnings [{string.Join(" | ", Warnings)}], stderr [{string.Join(" | ", StderrLines)}]";
}
