namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// Temporary files that outlive one test (a split or unpacked fixture reused through a cache) and so cannot be
/// deleted by it; they go when the test process exits, so repeated runs do not fill the temp directory.
/// </summary>
public static class ScratchFiles
{
    private static readonly List<string> Paths = [];

    static ScratchFiles() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();

    /// <summary>A new path in the temp directory, deleted at process exit.</summary>
    public static string Create(string prefix, string extension)
    {
        string path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}{extension}");
        lock (Paths) Paths.Add(path);
        return path;
    }

    private static void DeleteAll()
    {
        lock (Paths)
        {
            foreach (string path in Paths)
            {
                try { File.Delete(path); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            Paths.Clear();
        }
    }
}
