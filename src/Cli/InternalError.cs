using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// A bug outside the per-packet path (those become engine-error anomalies): one line on stderr and exit 1.
/// The stack trace is for developers, shown only with PCAPSIP_DEBUG=1.
/// </summary>
internal static class InternalError
{
    public static bool Debugging => Environment.GetEnvironmentVariable("PCAPSIP_DEBUG") == "1";

    public static int Report(Exception error)
    {
        if (Debugging)
            Console.Error.WriteLine(error);
        else
            Console.Error.WriteLine($"pcapsip: internal error ({error.GetType().Name}: {OneLine(error.Message)}); please report it with the capture (PCAPSIP_DEBUG=1 shows where)");
        return ExitCodes.InternalError;
    }

    /// <summary>With PCAPSIP_DEBUG=1, the first exception the engines turned into an engine-error anomaly.</summary>
    public static void ShowEngineError(AnalysisResult result)
    {
        if (Debugging && result.EngineErrors.First is { } first)
            Console.Error.WriteLine($"pcapsip: first engine-error: {first}");
    }

    private static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
