namespace PcapSipAnalyzer.TestSupport;

/// <summary>Finds the committed test captures from wherever the test assembly runs.</summary>
public static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>tests/fixtures of this repository.</summary>
    public static string Directory => Root.Value;

    /// <summary>Absolute path of <paramref name="relative"/> below tests/fixtures (e.g. "public/wireshark-wiki/aaa.pcap").</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/fixtures not found above " + AppContext.BaseDirectory);
    }
}
