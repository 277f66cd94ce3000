namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>The one table of <see cref="PathSide"/> names that every report writer uses.</summary>
public static class PathSides
{
    public static string WireName(PathSide side) => side switch
    {
        PathSide.Server => "server",
        PathSide.Client => "client",
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "a capture side without a wire name"),
    };
}
