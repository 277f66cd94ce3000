namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// A scan spread over the interfaces of a capture (a router's several links, a bond) can leave each interface too few
/// requests to make a scan (100 000 INVITEs over 1 024 interfaces: 98 each), and then none was reported at all. At the
/// end of the capture, a server whose scan-like requests make a scan only when every point's are added is a scan at
/// each of those points, as a share. The same requests seen at two points (a router's leg and the uplink) would add
/// up too: such shares are kept only where the matching across points proves them different (see
/// <see cref="ScanShares"/>); the diagnosis drops the rest.
/// </summary>
internal static class SplitScans
{
    /// <summary>Marks the shares of scans that only the points together make.</summary>
    public static void Promote(IEnumerable<ScanTally> tallies)
    {
        var byServer = new Dictionary<string, List<ServerScan>>(StringComparer.Ordinal);
        foreach (var tally in tallies)
            foreach (var s in tally.Unscanned)
            {
                if (!byServer.TryGetValue(s.Server, out var list)) byServer[s.Server] = list = new List<ServerScan>(2);
                list.Add(s);
            }
        foreach (var shares in byServer.Values)
        {
            if (shares.Count < 2) continue;
            long requests = 0, agents = 0, sources = 0, aors = 0;
            foreach (var s in shares)
            {
                requests += s.Requests;
                agents += s.ScannerAgentRequests;
                sources += s.Sources.Count;
                aors += s.Aors.Count;
            }
            if (!ScanTally.MakesScan(requests, agents, sources, aors)) continue;
            foreach (var s in shares) s.ShareOfSplitScan = true;
        }
    }

    /// <summary>
    /// Whether a cause made only of split-scan shares stands: its points must be proved to have seen different
    /// requests, and those together must make a scan.
    /// </summary>
    public static bool Stands(IReadOnlyList<Findings.Finding> findings, Findings.Finding lead)
    {
        if (!findings.All(f => f.Evidence is SipScanEvidence { ShareOfSplitScan: true })) return true;
        if (ScanShares.AllPoints(findings, lead) is null) return false;
        long total = findings.Where(f => string.Equals(f.Server, lead.Server, StringComparison.Ordinal)).Sum(ScanShares.RequestsOf);
        return total >= ScanTally.MinRequests;
    }
}
