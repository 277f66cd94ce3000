using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// A source that REGISTERs once at every address of a network (svmap -m REGISTER) leaves each server one request, far
/// from a scan, and each read as a server leaving a client's REGISTER unanswered: an error for every address swept. At
/// the end of the capture, a source whose scan-like REGISTERs went to <see cref="ScanTally.MinSources"/> server
/// endpoints or more is sweeping, and each server only sweepers sent them to is scanned, so the diagnosis tells the sweep
/// as one cause (<see cref="Diagnosis.ScanSweeps"/>). REGISTER only: a phone registers with one or two registrars, while a
/// PBX that pages twenty busy phones or pings them with OPTIONS sends single requests to twenty endpoints too.
/// </summary>
internal static class SweptServers
{
    /// <summary>Marks the servers that sweeping sources alone sent scan-like REGISTERs to.</summary>
    public static void Promote(IEnumerable<ScanTally> tallies)
    {
        var unscanned = tallies.SelectMany(t => t.Unscanned).ToList();
        var serversBySource = new Dictionary<NetAddress, HashSet<string>>();
        foreach (var s in unscanned)
            foreach (var sample in s.Samples)
            {
                if (sample.Method != "REGISTER") continue;
                if (!serversBySource.TryGetValue(sample.Request.SourceIp, out var servers))
                    serversBySource[sample.Request.SourceIp] = servers = new HashSet<string>(StringComparer.Ordinal);
                servers.Add(s.Server);
            }
        var sweepers = serversBySource.Where(kv => kv.Value.Count >= ScanTally.MinSources).Select(kv => kv.Key).ToHashSet();
        if (sweepers.Count == 0) return;
        // Servers whose few sources were all seen (samples) and were all sweepers: a phone's REGISTER among them keeps its server as it was.
        foreach (var s in unscanned)
            if (s.Sources.Count <= ServerScan.MaxSamples && s.Samples.Any()
                && s.Samples.All(x => x.Method == "REGISTER" && sweepers.Contains(x.Request.SourceIp)))
                s.PartOfSweep = true;
    }
}
