namespace PcapSipAnalyzer.TestSupport;

/// <summary>Finds tests/fixtures from wherever the test runs, by walking up to the folder holding the solution.</summary>
public static class Fixtures
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root (the folder with PcapSipAnalyzer.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>tests/fixtures/public.</summary>
    public static string Public => System.IO.Path.Combine(Root, "tests", "fixtures", "public");

    /// <summary>Absolute path of a file under tests/fixtures/public, e.g. "packetnet/udp-ip-fragmented.pcap".</summary>
    public static string PublicFile(string relative) => System.IO.Path.Combine(Public, relative);

    /// <summary>Every file under tests/fixtures/public except the notes, relative with '/' separators, sorted.</summary>
    public static IEnumerable<string> PublicCaptures() =>
        Directory.EnumerateFiles(Public, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
            .Select(f => System.IO.Path.GetRelativePath(Public, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PcapSipAnalyzer.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("No PcapSipAnalyzer.sln above " + AppContext.BaseDirectory);
    }
}
