using System.Diagnostics;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>Runs tshark (installed by test.sh / CI; a missing tshark fails the test, it never skips it).</summary>
public static class Tshark
{
    /// <summary>Result of one tshark run.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, output, error.Result);
    }

    /// <summary><c>tshark -r FILE -T fields -e F1 -e F2 …</c>: one string array per frame (tab-separated fields).</summary>
    public static List<string[]> Fields(string file, params string[] fields)
    {
        var arguments = new List<string> { "-r", file, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|" };
        foreach (string field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        var result = Run(arguments.ToArray());
        var rows = new List<string[]>();
        foreach (string line in result.Output.Split('\n'))
        {
            if (line.Length > 0)
            {
                rows.Add(line.Split('\t'));
            }
        }

        return rows;
    }

    /// <summary>Runs <c>tshark -r file args…</c> and returns its stdout lines; throws when tshark fails.</summary>
    public static IReadOnlyList<string> Lines(string file, params string[] args)
    {
        var result = Run(["-r", file, .. args]);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"tshark -r {file} exited {result.ExitCode}: {result.Error}");
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// <c>-T fields</c> with extra options (e.g. a display filter), every occurrence of a field
    /// comma-separated, one row per frame.
    /// </summary>
    public static IReadOnlyList<string[]> Fields(string file, IEnumerable<string> options, params string[] fields)
    {
        var args = new List<string>(options) { "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=," };
        foreach (var field in fields)
        {
            args.Add("-e");
            args.Add(field);
        }
        return Lines(file, [.. args]).Select(l => l.Split('\t')).ToList();
    }

    /// <summary>
    /// <c>tshark -r file [extra…] -Y filter -T fields -e f1 -e f2 …</c>: one string[] per matching frame,
    /// fields in the order asked (occurrences of a repeated field joined by ',').
    /// </summary>
    public static List<string[]> Fields(string file, string filter, IReadOnlyList<string> fields, params string[] extraArguments)
    {
        var args = new List<string>(extraArguments) { "-Y", filter, "-T", "fields" };
        foreach (var f in fields)
        {
            args.Add("-e");
            args.Add(f);
        }
        return Lines(file, [.. args]).Select(l => l.Split('\t')).ToList();
    }

    /// <summary>
    /// The frames of <paramref name="file"/> captured on each interface, as separate temporary pcapng files
    /// (one capture point each), in interface order; the file itself when it has one interface.
    /// </summary>
    public static List<string> SplitByInterface(string file)
    {
        var interfaces = Fields(file, "frame", ["frame.interface_id"]).Select(f => f[0]).Distinct().Order().ToList();
        if (interfaces.Count <= 1) return [file];
        var parts = new List<string>();
        foreach (var id in interfaces)
        {
            string part = ScratchFiles.Create("pcapsip-if" + id, ".pcapng");
            var result = Run("-r", file, "-Y", "frame.interface_id==" + id, "-w", part);
            if (result.ExitCode != 0) throw new InvalidOperationException($"tshark exited with {result.ExitCode}: {result.Error}");
            parts.Add(part);
        }
        return parts;
    }
}
