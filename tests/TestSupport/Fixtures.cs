namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// Finds tests/fixtures from wherever the test runs (bin/…/net10.0) by walking up to the folder that holds
/// PcapSipAnalyzer.sln, so tests work from a fresh clone without configuration.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root (the folder holding PcapSipAnalyzer.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>tests/fixtures.</summary>
    public static string Directory => System.IO.Path.Combine(RepositoryRoot, "tests", "fixtures");

    /// <summary>tests/fixtures/public: copies of public captures (see SOURCES.md there).</summary>
    public static string PublicDirectory => System.IO.Path.Combine(Directory, "public");

    /// <summary>Absolute path of a file under tests/fixtures/public, e.g. "packetnet/udp-ip-fragmented.pcap".</summary>
    public static string PublicFile(string relative) => System.IO.Path.Combine(PublicDirectory, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Same as <see cref="PathOf"/> (the name the SIP tests use).</summary>
    public static string Path(string relative) => PathOf(relative);

    /// <summary>Absolute path of a file given relative to tests/fixtures (forward slashes fine).</summary>
    public static string PathOf(string relative) => System.IO.Path.Combine(Directory, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Every capture file under tests/fixtures/public, relative to tests/fixtures, sorted (documentation left out).</summary>
    public static IReadOnlyList<string> PublicCaptures()
    {
        var files = new List<string>();
        foreach (string file in System.IO.Directory.EnumerateFiles(PublicDirectory, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            files.Add(System.IO.Path.GetRelativePath(Directory, file).Replace(System.IO.Path.DirectorySeparatorChar, '/'));
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary><see cref="PublicCaptures"/> as xunit MemberData rows.</summary>
    public static IEnumerable<object[]> PublicCaptureRows()
    {
        foreach (string file in PublicCaptures())
        {
            yield return [file];
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PcapSipAnalyzer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PcapSipAnalyzer.sln not found above {AppContext.BaseDirectory}");
    }
}
