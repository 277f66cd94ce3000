namespace PcapSipAnalyzer.Analyzer.Tests.Support;

/// <summary>
/// A SIPVicious-style scan beside the fault a test builds: many source addresses from outside (45.x.y.7), each
/// sending one request that names itself friendly-scanner, so every scenario is checked with a scanner running.
/// </summary>
internal static class ScanSources
{
    /// <summary>The scanner's <paramref name="count"/> source addresses.</summary>
    public static IEnumerable<string> Addresses(int count)
    {
        for (int i = 0; i < count; i++) yield return $"45.{i / 250}.{i % 250}.7";
    }

    /// <summary>A phone's request as a scanner sends it: the same message, the scanner's User-Agent.</summary>
    public static string AsScanner(string request) => request.Replace("User-Agent: phone", "User-Agent: friendly-scanner", StringComparison.Ordinal);
}
