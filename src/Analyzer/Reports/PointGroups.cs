using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// The same registration, transaction or call seen at several capture points, grouped: two per-point items are
/// one when the cross-point correlation matched a message of one of their transactions (so NAT and an ALG do not
/// split them). Groups come in the order their first item appears (points in order, each point's items in
/// order), each group's items in point order; with one capture point every group has one item.
/// </summary>
internal static class PointGroups
{
    public static List<List<Registration>> Registrations(AnalysisResult result) =>
        Group(result, static p => p.Sip.Registrations, static r => r.Transactions, static t => t.Registration, static r => r.Point);

    public static List<List<Transaction>> Transactions(AnalysisResult result) =>
        Group(result, static p => p.Sip.Transactions, static t => [t], static t => t, static t => t.Point);

    public static List<List<Dialog>> Dialogs(AnalysisResult result) =>
        Group(result, static p => p.Sip.Dialogs, static d => d.Transactions, static t => t.Dialog, static d => d.Point);

    private static List<List<T>> Group<T>(AnalysisResult result, Func<CapturePoint, IEnumerable<T>> items,
        Func<T, IEnumerable<Transaction>> transactionsOf, Func<Transaction, T?> ownerOf, Func<T, int> pointOf) where T : class
    {
        var correlation = result.Correlation;
        var grouped = new HashSet<T>(ReferenceEqualityComparer.Instance);
        var groups = new List<List<T>>();
        foreach (var point in result.Points)
            foreach (var item in items(point))
            {
                if (!grouped.Add(item)) continue;
                var group = new List<T> { item };
                // Each item joins one group only, so the walk visits every item and transaction once.
                for (int i = 0; i < group.Count && correlation is not null && result.Points.Count > 1; i++)
                    foreach (var t in transactionsOf(group[i]))
                        foreach (var other in correlation.Of(t)?.Transactions ?? [])
                            if (ownerOf(other) is { } owner && grouped.Add(owner)) group.Add(owner);
                groups.Add(group.Count > 1 ? group.OrderBy(pointOf).ToList() : group);
            }
        return groups;
    }
}
