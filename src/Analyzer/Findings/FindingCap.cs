using System.Globalization;

namespace PcapSipAnalyzer.Analyzer.Findings;

/// <summary>
/// Bounds the findings of one kind: past <see cref="MaxPerKind"/> clients with the same kind of finding, the
/// most noteworthy stay (worst severity, most occurrences) and the rest become one finding that counts them and
/// names a few. A report about a million clients is then as long as one about a few hundred.
/// </summary>
public static class FindingCap
{
    public const int MaxPerKind = 200;
    private const int MaxClientsNamed = 10;
    private const int MaxFramesKept = 20;

    /// <summary>Replaces, per kind, the findings beyond <paramref name="maxPerKind"/> by one summary finding.</summary>
    public static void Apply(List<Finding> findings, int maxPerKind = MaxPerKind)
    {
        var byKind = new Dictionary<FindingKind, List<Finding>>();
        foreach (var f in findings)
        {
            if (!byKind.TryGetValue(f.Kind, out var list)) byKind[f.Kind] = list = new();
            list.Add(f);
        }
        var dropped = new HashSet<Finding>(ReferenceEqualityComparer.Instance);
        var summaries = new List<Finding>();
        foreach (var (kind, list) in byKind)
        {
            if (list.Count <= maxPerKind) continue;
            list.Sort(Noteworthy);
            var rest = list.GetRange(maxPerKind, list.Count - maxPerKind);
            foreach (var f in rest) dropped.Add(f);
            summaries.Add(Summary(kind, rest, maxPerKind));
        }
        if (dropped.Count == 0) return;
        findings.RemoveAll(dropped.Contains);
        findings.AddRange(summaries);
    }

    private static int Noteworthy(Finding a, Finding b)
    {
        if (a.Severity != b.Severity) return a.Severity.CompareTo(b.Severity);
        if (a.Count != b.Count) return b.Count.CompareTo(a.Count);
        int c = string.CompareOrdinal(a.Client, b.Client);
        return c != 0 ? c : string.CompareOrdinal(a.Server, b.Server);
    }

    private static Finding Summary(FindingKind kind, List<Finding> rest, int kept)
    {
        var worst = rest.Min(f => f.Severity);
        long occurrences = rest.Sum(f => (long)f.Count);
        var clients = rest.Where(f => f.Client is not null).Select(f => f.Client!).Distinct().Take(MaxClientsNamed).ToList();
        var f = new Finding
        {
            Kind = kind,
            Severity = worst,
            Summary = $"{N(rest.Count)} more {FindingKinds.WireName(kind)} findings, not listed one by one (the report lists {N(kept)} of a kind).",
            Explanation = $"Past {N(kept)} findings of one kind the report keeps the most noteworthy (worst severity, most occurrences) and counts the rest here: "
                          + $"{N(rest.Count)} findings, {N(occurrences)} occurrences, e.g. for {string.Join(", ", clients)}. The JSON of a narrower capture, or a display filter on these clients, shows them in full.",
            Server = rest.Select(f => f.Server).Distinct().Count() == 1 ? rest[0].Server : null,
            Count = (int)Math.Min(int.MaxValue, occurrences),
            FirstNs = rest.Where(x => x.FirstNs != 0).Select(x => x.FirstNs).DefaultIfEmpty(0).Min(),
            LastNs = rest.Max(x => x.LastNs),
        };
        foreach (var other in rest.Take(MaxClientsNamed))
            foreach (var frame in other.Frames.Take(2))
                if (f.Frames.Count < MaxFramesKept) f.Frames.Add(frame);
        f.Frames.Sort();
        f.Evidence = new CappedFindingsEvidence(rest.Count, occurrences, clients);
        return f;
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
