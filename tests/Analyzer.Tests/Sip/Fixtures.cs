namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>Finds tests/fixtures from the test's output directory (works from a fresh clone).</summary>
internal static class Fixtures
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures", relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"fixture {relative} not found above {AppContext.BaseDirectory}");
    }
}
