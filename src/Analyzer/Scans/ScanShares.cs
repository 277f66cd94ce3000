using System.Globalization;
using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Scans;

/// <summary>
/// A scan whose requests were split between capture points (each interface of a capture took a share of it) is
/// reported by each point with its own count, and the findings that have the same wording merge into one that
/// shows one point's figures. What the whole scan was is summed here, only where the points saw none of each
/// other's sampled requests: a router's leg and the server's uplink that both saw the same scan must not count it twice.
/// </summary>
internal static class ScanShares
{
    /// <summary>
    /// The detail of a <c>sip-scan</c> finding of an analysis with several points whose requests no other point saw:
    /// the requests of every point it merged, summed (its own when it is one point's).
    /// </summary>
    public const string RequestsKey = "requests_all_points";

    /// <summary>The requests a sip-scan finding counts: its own, or every merged point's when they were shares.</summary>
    public static long RequestsOf(Finding f) => f.Details.TryGetValue(RequestsKey, out var all) && all is long sum ? sum
        : f.Evidence is SipScanEvidence e ? e.Requests : f.Count;

    /// <summary>
    /// The sentence that follows a scan's headline when its points each saw a share: how many points and requests in
    /// all; null when one point saw it, or points saw the same requests, or the figures cannot be told apart.
    /// </summary>
    public static string? AllPoints(IReadOnlyList<Finding> findings, Finding lead)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var f in findings)
        {
            // A sweep's cause holds other endpoints' scans too: only this endpoint's points are its shares.
            if (f.Kind != FindingKind.SipScan || !string.Equals(f.Server, lead.Server, StringComparison.Ordinal)) continue;
            // Without the sum, its requests may have been seen elsewhere, or nobody could tell.
            if (!f.Details.ContainsKey(RequestsKey)) return null;
            // Two findings at one point are two views of one scan, not shares of it.
            if (f.Details.TryGetValue(Points.FindingMerger.PointsDetail, out var p) && p is IEnumerable<string> points
                && points.Any(name => !seen.Add(name)))
                return null;
            total += RequestsOf(f);
        }
        long shown = lead.Evidence is SipScanEvidence e ? e.Requests : lead.Count;
        if (seen.Count < 2 || total <= shown) return null;
        return $"That is one capture point's share: {N(seen.Count)} points each saw a part of the scan, {N(total)} requests in all.";
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
