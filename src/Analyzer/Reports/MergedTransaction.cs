using System.Runtime.CompilerServices;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// One SIP transaction across every capture point that saw it: the copy that saw the most (a final response
/// over a provisional one over the request alone) leads, with whether the final response reached the client and
/// the point that proves it, and what each point saw.
/// </summary>
internal sealed class MergedTransaction : MergedItem<Transaction>
{
    public required string Client { get; init; }
    public required string Server { get; init; }
    public required DeliveryProof Delivery { get; init; }

    // The console, the JSON and the tables all list them: built once per analysis, dropped with it.
    private static readonly ConditionalWeakTable<AnalysisResult, List<MergedTransaction>> Built = new();

    public static List<MergedTransaction> All(AnalysisResult result) => Built.GetValue(result, static result =>
    {
        var delivery = new RegistrationDelivery(result);
        return PointGroups.Transactions(result).Select(group => Of(result, delivery, group)).ToList();
    });

    private static MergedTransaction Of(AnalysisResult result, RegistrationDelivery delivery, List<Transaction> group)
    {
        var lead = Highest(group, Rank);
        var points = group.Select(t => PointFacts.Of(result, delivery, t, t.Id, t.FirstFrame, TransactionOutcomes.WireName(t.Outcome), t.FinalStatus, "")).ToList();
        var seen = result.Correlation?.Of(lead);
        return new MergedTransaction
        {
            Lead = lead,
            LeadPoint = result.Points[lead.Point].Name,
            AtPoints = group,
            Points = points,
            Client = OwnAddress(seen?.Client, lead.Client),
            Server = OwnAddress(seen?.Server, lead.Server),
            Delivery = CrossPointDelivery.Choose(DeliveryProof.Best(points), points, CrossPointDelivery.Of(seen)),
        };
    }

    private static int Rank(Transaction t) => t.FinalStatus is not null ? 3 : t.Responses.Count > 0 ? 2 : t.RequestSeen ? 1 : 0;
}
