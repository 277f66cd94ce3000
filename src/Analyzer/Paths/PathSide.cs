namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>Which end of the path a capture point sits at, judged from the MACs of request and response.</summary>
public enum PathSide : byte
{
    /// <summary>Both packets carry the server's MAC: the server's own choice of next hop is visible.</summary>
    Server,
    /// <summary>Both packets carry the client's MAC (or its router's): the hop the response came back from is visible.</summary>
    Client,
}
