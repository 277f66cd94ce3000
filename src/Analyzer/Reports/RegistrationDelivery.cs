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

    public (string Delivered, string? Evidence) Of(Registration r)
    {
        if (r.Transactions.Count == 0 || !_paths.TryGetValue(r.Transactions[^1], out var path)) return ("unknown", null);
        string evidence = path.DeliveryEvidence.Length > 0 ? path.DeliveryEvidence : null!;
        return path.Delivery switch
        {
            ResponseDelivery.Delivered => ("yes", evidence),
            ResponseDelivery.NotDelivered => ("no", evidence),
            _ => ("unknown", evidence),
        };
    }
}
