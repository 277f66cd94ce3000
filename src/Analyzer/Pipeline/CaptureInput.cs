namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>One input file of an analysis: its path ("-" for stdin) and the capture point it belongs to.</summary>
public sealed record CaptureInput(string Path, string PointName)
{
    /// <summary>A point named after the file, as the user would name it: "pbx-uplink.pcap" → "pbx-uplink".</summary>
    public static CaptureInput ForFile(string path) =>
        new(path, path == "-" ? "stdin" : System.IO.Path.GetFileNameWithoutExtension(StripGz(path)));

    private static string StripGz(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
}
