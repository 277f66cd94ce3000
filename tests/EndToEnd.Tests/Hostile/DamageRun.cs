using System.Text.Json;
using System.Text.RegularExpressions;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Writes damaged captures to a temporary folder and runs <c>pcapsip analyze --json</c> over them, several
/// files per run (each file is its own capture in the report) to keep the suite fast, then checks the rules
/// every damaged input must obey: no crash, no hang, exit 0 or 65, an error only as one stderr line naming
/// the file, a byte offset and the block/record, and every packet before the damage reported.
/// </summary>
public static partial class DamageRun
{
    private const int FilesPerRun = 16;

    [GeneratedRegex(@"at offset \d+ \((block \d+|record \d+|file header)\)")]
    private static partial Regex PositionPattern();

    public static List<CaptureOutcome> AnalyzeAll(IReadOnlyList<DamagedFile> files, string extension = ".cap")
    {
        var outcomes = new List<CaptureOutcome>();
        for (int start = 0; start < files.Count; start += FilesPerRun)
            outcomes.AddRange(Analyze(files.Skip(start).Take(FilesPerRun).ToList(), extension));
        return outcomes;
    }

    /// <summary>Runs the CLI once over <paramref name="files"/> and asserts the rules for each of them.</summary>
    public static List<CaptureOutcome> Analyze(IReadOnlyList<DamagedFile> files, string extension = ".cap")
    {
        using var folder = new TempFolder();
        var paths = new List<string>();
        for (int i = 0; i < files.Count; i++)
        {
            var path = Path.Combine(folder.Path, $"f{i:D3}{extension}");
            File.WriteAllBytes(path, files[i].Bytes);
            paths.Add(path);
        }
        var json = Path.Combine(folder.Path, "report.json");
        var run = PcapsipProcess.Run(["analyze", "--no-progress", "--json", json, .. paths]);
        string names = string.Join(", ", files.Select(f => f.Name));
        Assert.False(run.Crashed, $"pcapsip crashed or hung on [{names}]: {run}");
        Assert.True(run.ExitCode is 0 or 65, $"exit {run.ExitCode} on [{names}]: {run}");
        Assert.True(File.Exists(json), $"no JSON report for [{names}]: {run}");

        using var report = JsonDocument.Parse(File.ReadAllBytes(json));
        var captures = report.RootElement.GetProperty("captures");
        Assert.Equal(files.Count, captures.GetArrayLength());
        var outcomes = new List<CaptureOutcome>();
        bool anyError = false;
        for (int i = 0; i < files.Count; i++)
        {
            var c = captures[i];
            string? error = c.GetProperty("error").ValueKind == JsonValueKind.Null ? null : c.GetProperty("error").GetString();
            var lines = run.StderrLines.Where(l => l.Contains(paths[i] + ":", StringComparison.Ordinal)).ToArray();
            var outcome = new CaptureOutcome(files[i], paths[i], c.GetProperty("packets").GetInt64(), c.GetProperty("truncated").GetBoolean(),
                c.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray(), error, lines, run);
            CheckRules(outcome);
            anyError |= error is not null;
            outcomes.Add(outcome);
        }
        Assert.True(run.ExitCode == (anyError ? 65 : 0), $"exit {run.ExitCode} but errors: {anyError}: {run}");
        return outcomes;
    }

    private static void CheckRules(CaptureOutcome o)
    {
        // Warnings are repeated on stderr, one line each, as the report words them; any other line is an error.
        var warnings = o.StderrLines.Where(l => l.StartsWith("pcapsip: warning: ", StringComparison.Ordinal)).ToArray();
        var errors = o.StderrLines.Except(warnings).ToArray();
        foreach (var line in warnings)
            Assert.True(o.Warnings.Any(w => line.EndsWith($"{o.Path}: {w}", StringComparison.Ordinal)), $"a stderr warning the report does not have: {line}: {o}");
        if (o.Error is not null)
        {
            Assert.True(errors.Length == 1, $"expected one stderr line for the broken file: {o}");
            Assert.Matches(PositionPattern(), errors[0]);
            Assert.DoesNotContain('\n', o.Error);
        }
        else
        {
            Assert.True(errors.Length == 0, $"stderr names a file that read without error: {o}");
        }
        if (o.File.PacketsBeforeDamage is long before)
            Assert.True(o.Packets >= before, $"packets before the damage lost: {o}");
        if (o.File.ExactPackets is long exact)
            Assert.True(o.Packets == exact, $"expected exactly {exact} packets: {o}");
        foreach (var warning in o.Warnings)
            Assert.DoesNotContain('\n', warning);
    }
}
