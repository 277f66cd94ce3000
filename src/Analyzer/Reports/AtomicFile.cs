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
        if (IsSpecial(full))
        {
            using var device = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            write(device);
            return;
        }
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

    /// <summary>
    /// Why <paramref name="path"/> (a file, or with <paramref name="isDirectory"/> a folder that may still have
    /// to be made) cannot be written, or null when it can: checked before a long analysis so a typo costs
    /// nothing and no run leaves some outputs written and others missing. A probe file is created and removed
    /// in the nearest folder that exists, because permissions alone do not tell (root, read-only mounts, /proc).
    /// </summary>
    public static string? WhyUnwritable(string path, bool isDirectory)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return e.Message;
        }

        if (isDirectory ? File.Exists(full) : Directory.Exists(full))
            return isDirectory ? "it is a file, not a directory" : "it is a directory";
        var folder = isDirectory ? full : Path.GetDirectoryName(full);
        while (folder is not null && !Directory.Exists(folder))
        {
            if (File.Exists(folder))
                return $"{folder} is a file, not a directory";
            folder = Path.GetDirectoryName(folder);
        }
        if (folder is null)
            return "no existing parent directory";

        var probe = Path.Combine(folder, $".pcapsip-probe.{Environment.ProcessId}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe);
            return e.Message;
        }
    }

    /// <summary>The same for a writer that streams asynchronously (e.g. an annotated capture).</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var full = Path.GetFullPath(path);
        if (IsSpecial(full))
        {
            await using var device = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1 << 16, useAsync: false);
            await write(device).ConfigureAwait(false);
            return;
        }
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

    /// <summary>
    /// /dev/null, /dev/stdout, /dev/fd/N, /proc/self/fd/N: devices and descriptors are written in place. The
    /// temporary file and rename would put a regular file where the device was (--json /dev/null replaced the
    /// machine's /dev/null with the report).
    /// </summary>
    internal static bool IsSpecial(string full) =>
        !OperatingSystem.IsWindows() && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal));

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
