using System.Diagnostics;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>Runs tshark (a reference implementation for differential tests). Missing tshark fails the test.</summary>
public static class Tshark
{
    /// <summary>Runs <c>tshark -r file args…</c> and returns its stdout lines; throws when tshark fails.</summary>
    public static IReadOnlyList<string> Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-r");
        start.ArgumentList.Add(file);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start tshark");
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
            lines.Add(line);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tshark -r {file} exited {process.ExitCode}: {stderr.Result}");
        return lines;
    }

    /// <summary>
    /// <c>-T fields</c> for the given fields, every occurrence of a field comma-separated, one row per frame.
    /// </summary>
    public static IReadOnlyList<string[]> Fields(string file, IEnumerable<string> options, params string[] fields)
    {
        var args = new List<string>(options) { "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=," };
        foreach (var field in fields)
        {
            args.Add("-e");
            args.Add(field);
        }
        return Run(file, [.. args]).Select(l => l.Split('\t')).ToList();
    }
}
