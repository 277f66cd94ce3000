using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Scans;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// Turns the findings of every capture point into one finding per client and problem, citing the frames of
/// every point. A client is named by its own address (as it sent its requests, before any NAT). A point that
/// saw a request go by but no response ("register-unanswered") while another point saw the response leave is
/// not a problem of its own: it is the other point's finding, seen from further along the way, and its frames
/// join that finding.
/// </summary>
internal sealed class FindingMerger
{
    /// <summary>The detail of a merged finding that names every point it was seen at.</summary>
    internal const string PointsDetail = "points";

    private readonly PointCorrelation _correlation;

    public FindingMerger(PointCorrelation correlation) => _correlation = correlation;

    public List<Finding> Merge(IReadOnlyList<PointFinding> findings)
    {
        var entries = findings.Select(Describe).ToList();
        var merged = new Dictionary<(string, FindingKind), Merged>();
        foreach (var e in entries.Where(e => !e.Superseded))
        {
            var key = (e.Client ?? e.Finding.CallId ?? e.Finding.Summary, e.Finding.Kind);
            if (!merged.TryGetValue(key, out var m)) merged[key] = m = new Merged();
            m.Parts.Add(e);
        }
        foreach (var e in entries.Where(e => e.Superseded))
        {
            // The point missed the response another point saw: its frames are evidence for that point's finding.
            var hosts = merged.Values.Where(m => m.Parts.Any(p => p.Client == e.Client && p.Transactions.Overlaps(e.Transactions))).ToList();
            foreach (var host in hosts) host.Folded.Add(e);
            if (hosts.Count > 0) continue;
            var key = (e.Client ?? e.Finding.Summary, e.Finding.Kind);
            if (!merged.TryGetValue(key, out var m)) merged[key] = m = new Merged();
            m.Parts.Add(e);
        }
        return merged.Values.Select(Build).ToList();
    }

    private Entry Describe(PointFinding pf)
    {
        var f = pf.Finding;
        var transactions = new HashSet<SeenTransaction>(ReferenceEqualityComparer.Instance);
        foreach (var frame in f.Frames)
            foreach (var t in _correlation.TransactionsIn(frame))
                if (t.Point == pf.Point.Index && _correlation.Of(t) is { } seen) transactions.Add(seen);
        string? client = null;
        foreach (var seen in transactions)
            if (seen.Transactions.Any(t => t.Point == pf.Point.Index && t.Client == f.Client))
            {
                client = seen.Client;
                break;
            }
        client ??= f.Client is null ? null : _correlation.ClientFor(pf.Point.Index, f.Transport, f.Client) ?? f.Client;
        bool superseded = f.Kind is FindingKind.RegisterUnanswered or FindingKind.InviteUnanswered && transactions.Count > 0 && transactions.All(t => t.HasResponse);
        return new Entry(pf.Point, f, client, transactions, superseded);
    }

    private Finding Build(Merged m)
    {
        // The most severe view leads; among equals the server's own uplink (it sees the server's choices), then
        // the view with the most evidence. An unanswered request has no response to tell the sides apart: the point
        // nearest the server that saw it leads, where it came in from the router that delivered it (a router's leg
        // on the clients' side only shows each client sending it, and the cause would call them on the server's link).
        int nearest = m.Parts[0].Finding.Kind is FindingKind.RegisterUnanswered or FindingKind.InviteUnanswered ? NearestServer(m) : -1;
        var parts = m.Parts.OrderBy(p => p.Finding.Severity)
            .ThenBy(p => nearest < 0 || p.Point.Index == nearest ? 0 : 1)
            .ThenBy(p => p.Finding.Evidence is IPathFindingEvidence { Path.Side: PathSide.Server } ? 0 : 1)
            .ThenByDescending(p => p.Finding.Frames.Count)
            .ThenBy(p => p.Point.Index).ToList();
        var lead = parts[0];
        var f = lead.Finding;
        var all = parts.Concat(m.Folded).ToList();
        var frames = new SortedSet<FrameRef>(all.SelectMany(p => p.Finding.Frames));
        f.Frames.Clear();
        f.Frames.AddRange(frames);
        var seenAs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in all)
            if (p.Finding.Client is { } c && c != (lead.Client ?? f.Client)) seenAs[p.Point.Name] = c;
        if (lead.Client is not null && lead.Client != f.Client) seenAs[lead.Point.Name] = f.Client!;
        f.Client = lead.Client ?? f.Client;
        if (seenAs.Count > 0) f.Details["client_seen_as"] = seenAs;
        var transactions = new HashSet<SeenTransaction>(all.SelectMany(p => p.Transactions), ReferenceEqualityComparer.Instance);
        // Each point counted the same transactions (or ICMP errors, connections) from its side.
        f.Count = parts.Max(p => p.Finding.Count);
        f.Details[PointsDetail] = all.Select(p => p.Point.Name).Distinct().Concat(transactions.SelectMany(PointsOf)).Distinct().ToList();
        // A scan's views merge by their wording: at points that saw none of each other's sampled requests (interfaces
        // that each took a share of it, not a router and the uplink behind it) each counted requests of its own,
        // and the finding then speaks for all of them while its text gives one point's count. A point whose samples
        // the matching across points does not hold (its transactions were not kept) tells nothing: then nothing is
        // summed, since two copies of one scan look the same way. The cause adds up the findings that have it.
        if (f.Kind == FindingKind.SipScan && parts.All(p => p.Transactions.Count > 0)
            && transactions.All(t => PointsOf(t).Distinct().Count() <= 1))
            f.Details[ScanShares.RequestsKey] = parts.Sum(p => ScanShares.RequestsOf(p.Finding));
        LastSeen.Annotate(f, transactions, _correlation);
        return f;
    }

    // The point where the findings' requests were last seen on their way, the first transaction's that has one; −1 for none.
    private static int NearestServer(Merged m)
    {
        foreach (var p in m.Parts)
            foreach (var seen in p.Transactions)
                if (seen.Messages.LastOrDefault(x => x.Kind == MessageKind.Request) is { } request)
                    return request.Last.Point.Index;
        return -1;
    }

    private IEnumerable<string> PointsOf(SeenTransaction seen) =>
        seen.Messages.SelectMany(m => m.Sightings).Select(s => s.Point.Name);

    private sealed record Entry(Pipeline.CapturePoint Point, Finding Finding, string? Client, HashSet<SeenTransaction> Transactions, bool Superseded);

    private sealed class Merged
    {
        public List<Entry> Parts { get; } = new();
        public List<Entry> Folded { get; } = new();
    }
}
