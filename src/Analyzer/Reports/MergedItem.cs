namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// One registration, transaction or call across the capture points that saw it: the point's copy that leads the
/// row (the one that saw the most), every point's copy, and what each point saw.
/// </summary>
internal abstract class MergedItem<T>
{
    /// <summary>The copy whose fields fill the row.</summary>
    public required T Lead { get; init; }
    public required string LeadPoint { get; init; }
    /// <summary>The copy at each point that saw it, in point order.</summary>
    public required IReadOnlyList<T> AtPoints { get; init; }
    /// <summary>What each point saw, in the order of <see cref="AtPoints"/>.</summary>
    public required IReadOnlyList<PointFacts> Points { get; init; }

    /// <summary>
    /// An endpoint's "ip:port" as it used it itself (before a NAT), when the cross-point correlation knows it;
    /// else the lead copy's.
    /// </summary>
    protected static string OwnAddress(string? seen, string lead) => seen is { Length: > 0 } own ? own : lead;

    /// <summary>The first copy in point order that ranks highest.</summary>
    protected static T Highest<TRank>(IReadOnlyList<T> group, Func<T, TRank> rank) where TRank : IComparable<TRank>
    {
        var best = group[0];
        var bestRank = rank(best);
        foreach (var item in group)
        {
            var r = rank(item);
            if (r.CompareTo(bestRank) > 0) (best, bestRank) = (item, r);
        }
        return best;
    }
}
