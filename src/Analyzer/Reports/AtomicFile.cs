namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Writes an output file all at once or not at all (see <see cref="StagedOutputs"/>, which does the same for the
/// set of files of one run), and tells beforehand whether an output can be written at all.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes one file through a <see cref="StagedOutputs"/> of its own.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var staged = new StagedOutputs();
        staged.Write(path, write);
        staged.Commit();
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

    /// <summary>
    /// /dev/null, /dev/stdout, /dev/fd/N, /proc/self/fd/N: devices and descriptors are written in place. The
    /// temporary file and rename would put a regular file where the device was (--json /dev/null replaced the
    /// machine's /dev/null with the report).
    /// </summary>
    internal static bool IsSpecial(string full) =>
        !OperatingSystem.IsWindows() && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal));

    internal static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
