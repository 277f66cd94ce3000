using System.Diagnostics;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>Runs tshark (a test dependency CI installs; a missing tshark fails the test) and returns its field rows.</summary>
public static class Tshark
{
    /// <summary>
    /// <c>tshark -r file [extra…] -Y filter -T fields -e f1 -e f2 …</c>: one string[] per matching frame,
    /// fields in the order asked (occurrences of a repeated field joined by ',').
    /// </summary>
    public static List<string[]> Fields(string file, string filter, IReadOnlyList<string> fields, params string[] extraArguments)
    {
        var psi = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-r");
        psi.ArgumentList.Add(file);
        foreach (var a in extraArguments) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("-Y");
        psi.ArgumentList.Add(filter);
        psi.ArgumentList.Add("-T");
        psi.ArgumentList.Add("fields");
        foreach (var f in fields)
        {
            psi.ArgumentList.Add("-e");
            psi.ArgumentList.Add(f);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("tshark did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var rows = new List<string[]>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null) rows.Add(line.Split('\t'));
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tshark exited with {process.ExitCode} on {file}: {errors.Result}");
        return rows;
    }
}
