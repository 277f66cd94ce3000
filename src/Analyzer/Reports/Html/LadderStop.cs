namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>A column of a ladder diagram: a host (phone, router, PBX) with its lifeline, or a capture point's lane between hosts.</summary>
internal sealed class LadderStop
{
    public required string Name { get; init; }
    /// <summary>A second line under the name (the MACs a router was seen with), empty when none.</summary>
    public string Detail { get; init; } = "";
    /// <summary>True for a capture point's lane, false for a host.</summary>
    public bool IsPoint { get; init; }
    /// <summary>The capture point's index, for a lane.</summary>
    public int PointIndex { get; init; } = -1;
    /// <summary>A router's MAC as the frames showed it, for a router column.</summary>
    public string? Mac { get; init; }
    /// <summary>A host's address and port as its transactions name it, for a host column.</summary>
    public string? Endpoint { get; init; }
    /// <summary>The ladder's client: the left end of every lane (hosts of other legs may stand left of it).</summary>
    public bool IsClient { get; init; }
    /// <summary>The ladder's server: the right end of every lane (hosts of other legs may stand right of it).</summary>
    public bool IsServer { get; init; }

    /// <summary>The client's column: the first host column unless hosts of other legs stand left of it.</summary>
    public static int ClientColumn(IReadOnlyList<LadderStop> stops)
    {
        for (int i = 0; i < stops.Count; i++)
            if (stops[i].IsClient) return i;
        return 0;
    }

    /// <summary>The server's column: the last one unless hosts of other legs stand right of it.</summary>
    public static int ServerColumn(IReadOnlyList<LadderStop> stops)
    {
        for (int i = stops.Count - 1; i >= 0; i--)
            if (stops[i].IsServer) return i;
        return stops.Count - 1;
    }
}
