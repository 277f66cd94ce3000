using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Whether a registration's final response reached the phone: a 200 the registrar sent that never arrived
/// leaves the phone unregistered, so "registered 200" alone would mislead. yes / no / unknown, from the path
/// of the registration's last transaction, with the evidence in words.
/// </summary>
internal sealed class RegistrationDelivery
{
    private readonly Dictionary<Transaction, TransactionPath> _paths = new(ReferenceEqualityComparer.Instance);

    public RegistrationDelivery(AnalysisResult result)
    {
        foreach (var p in result.Paths) _paths.TryAdd(p.Transaction, p);
    }

    /// <summary>The path of <paramref name="t"/> at its point, null when none was built for it.</summary>
    public TransactionPath? PathOf(Transaction t) => _paths.GetValueOrDefault(t);

    public (string Delivered, string? Evidence) Of(Registration r) =>
        r.Transactions.Count == 0 ? ("unknown", null) : Of(r.Transactions[^1]);

    /// <summary>Whether the final response of <paramref name="t"/> reached the client, as seen at its point.</summary>
    public (string Delivered, string? Evidence) Of(Transaction t)
    {
        if (!_paths.TryGetValue(t, out var path)) return ("unknown", null);
        string evidence = path.DeliveryEvidence.Length > 0 ? path.DeliveryEvidence : null!;
        return path.Delivery switch
        {
            ResponseDelivery.Delivered => ("yes", evidence),
            ResponseDelivery.NotDelivered => ("no", evidence),
            _ => ("unknown", evidence),
        };
    }
}
