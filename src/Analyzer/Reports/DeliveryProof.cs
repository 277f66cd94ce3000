namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Whether the final response reached the client, across capture points: yes / no / unknown, the point whose
/// packets prove it, and the evidence in words.
/// </summary>
public sealed record DeliveryProof(string Delivered, string? Point, string? Evidence)
{
    /// <summary>
    /// The best evidence among the points: about the latest transaction first (a registration's last step), then
    /// a verdict (yes or no) over unknown, then the point the final response passed last, the one nearest the
    /// client, whose view of the client is the closest.
    /// </summary>
    public static DeliveryProof Best(IReadOnlyList<PointFacts> points)
    {
        PointFacts? best = null;
        foreach (var p in points)
            if (best is null || Compare(p, best) > 0) best = p;
        if (best is null) return new DeliveryProof("unknown", null, null);
        return new DeliveryProof(best.Delivered, best.Delivered == "unknown" ? null : best.Point, best.DeliveryEvidence);
    }

    private static int Compare(PointFacts a, PointFacts b)
    {
        if (a.CSeq != b.CSeq) return a.CSeq.CompareTo(b.CSeq);
        int verdict = Verdict(a).CompareTo(Verdict(b));
        if (verdict != 0) return verdict;
        return (a.FinalSeenNs ?? long.MinValue).CompareTo(b.FinalSeenNs ?? long.MinValue);
    }

    private static int Verdict(PointFacts p) => p.Delivered is "yes" or "no" ? 2 : p.FinalSeenNs is not null ? 1 : 0;

    /// <summary>"no (pbx-uplink: the client retransmitted …)" with several points, "no" with one.</summary>
    public string Text(bool severalPoints) =>
        !severalPoints || Point is null ? Delivered : Evidence is null ? $"{Delivered} ({Point})" : $"{Delivered} ({Point}: {Evidence})";
}
