namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Writes an output file all at once or not at all: into a temporary file beside the target, renamed over
/// it only when complete, so a failure or Ctrl+C never leaves a half-written report behind.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The same for a writer that streams asynchronously (e.g. an annotated capture).</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
                await write(stream).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>True when <paramref name="output"/> names the same file as one of the inputs.</summary>
    public static bool IsInput(string output, IEnumerable<string> inputs)
    {
        var o = Path.GetFullPath(output);
        return inputs.Any(i => i != "-" && string.Equals(Path.GetFullPath(i), o, StringComparison.Ordinal));
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
