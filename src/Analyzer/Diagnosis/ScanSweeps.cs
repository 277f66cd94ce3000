using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Points;
using PcapSipAnalyzer.Analyzer.Scans;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Diagnosis;

/// <summary>
/// A scanner that sweeps a network (SIPVicious's svmap: every address, ports 5060–5062) scans each server endpoint
/// once, and each endpoint is a scan of its own. Reported one by one, a sweep of a /24 was hundreds of causes that
/// buried the one that matters. Scans whose sampled requests share a source are one scanner at work: one cause, told
/// from the endpoint that says the most (where the scanner got in), that names the other endpoints it tried.
/// </summary>
internal static class ScanSweeps
{
    /// <summary>Other endpoints a sweep's cause names; the rest are counted.</summary>
    private const int MaxEndpointsNamed = 6;

    /// <summary>Folds the sip-scan causes in <paramref name="order"/> that share a scanning source into the first of them.</summary>
    public static void Merge(List<Cause> order)
    {
        var scans = order.Where(c => c.Kind == CauseKind.SipScan).ToList();
        if (scans.Count < 2) return;
        var sets = new DisjointSets<Cause>(scans);
        var bySource = new Dictionary<NetAddress, Cause>();
        foreach (var cause in scans)
            foreach (var source in SourcesOf(cause))
            {
                if (bySource.TryGetValue(source, out var other)) sets.Union(other, cause);
                else bySource[source] = cause;
            }
        if (sets.Count == scans.Count) return;
        // The first cause of each group (in report order) takes the others' findings.
        var first = new Dictionary<Cause, Cause>(ReferenceEqualityComparer.Instance);
        var merged = new HashSet<Cause>(ReferenceEqualityComparer.Instance);
        foreach (var cause in scans)
        {
            var root = sets.Find(cause);
            if (!first.TryGetValue(root, out var host)) first[root] = cause;
            else
            {
                host.Findings.AddRange(cause.Findings);
                merged.Add(cause);
            }
        }
        order.RemoveAll(merged.Contains);
    }

    /// <summary>
    /// The sentence that follows a sweep's headline: the other endpoints its sources scanned and their requests; null
    /// when the cause is one endpoint's.
    /// </summary>
    public static string? OtherEndpoints(IReadOnlyList<Finding> findings, Finding lead)
    {
        // One endpoint seen at several points counts once, with the most any point saw of it.
        var endpoints = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            if (f.Kind != FindingKind.SipScan || f.Server is not { } server || server == lead.Server) continue;
            endpoints[server] = Math.Max(endpoints.GetValueOrDefault(server), ScanShares.RequestsOf(f));
        }
        if (endpoints.Count == 0) return null;
        var named = endpoints.Keys.Order(EndpointOrder.Instance).Take(MaxEndpointsNamed).ToList();
        long requests = endpoints.Values.Sum();
        int sources = findings.SelectMany(SampledSources).Distinct().Count();
        return $"The same source{(sources == 1 ? "" : "s")} also scanned {N(endpoints.Count)} more server endpoint{(endpoints.Count == 1 ? "" : "s")} "
               + $"({string.Join(", ", named)}{(endpoints.Count > named.Count ? $" and {N(endpoints.Count - named.Count)} more" : "")}) "
               + $"with {N(requests)} request{(requests == 1 ? "" : "s")}: a sweep of the network.";
    }

    /// <summary>The addresses the sampled scan requests of a cause came from.</summary>
    public static IEnumerable<NetAddress> SourcesOf(Cause cause) => cause.Findings.SelectMany(SampledSources).Distinct();

    private static IEnumerable<NetAddress> SampledSources(Finding f) =>
        f.Evidence is SipScanEvidence e ? e.Samples.Select(s => s.Request.SourceIp).Where(ip => !ip.IsNone) : [];

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    // Endpoints in address order, then port: 10.0.0.9:5060 before 10.0.0.10:5060.
    private sealed class EndpointOrder : IComparer<string>
    {
        public static readonly EndpointOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (ax, px) = Split(x ?? "");
            var (ay, py) = Split(y ?? "");
            int byAddress = ax.CompareTo(ay);
            return byAddress != 0 ? byAddress : px != py ? px.CompareTo(py) : string.CompareOrdinal(x, y);
        }

        private static (UInt128 Address, int Port) Split(string endpoint)
        {
            string host = Packets.EndpointText.HostOf(endpoint).Trim('[', ']');
            int port = int.TryParse(Packets.EndpointText.PortOf(endpoint), NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : 0;
            return (System.Net.IPAddress.TryParse(host, out var ip) ? Key(ip) : UInt128.MaxValue, port);
        }

        private static UInt128 Key(System.Net.IPAddress ip)
        {
            var bytes = ip.MapToIPv6().GetAddressBytes();
            UInt128 key = 0;
            foreach (byte b in bytes) key = (key << 8) | b;
            return key;
        }
    }
}
