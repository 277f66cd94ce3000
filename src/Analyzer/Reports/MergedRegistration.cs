using System.Runtime.CompilerServices;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// One registration attempt across every capture point that saw it: the phone by its own address, the most
/// informative outcome any point saw (a 401 at the PBX says more than silence at a router), whether the final
/// response reached the phone with the point that proves it, and what each point saw.
/// </summary>
internal sealed class MergedRegistration : MergedItem<Registration>
{
    /// <summary>"ip:port" of the phone as it sent (before any NAT), and of the registrar as the request reached it.</summary>
    public required string Client { get; init; }
    public required string Server { get; init; }
    public RegistrationOutcome? Outcome { get; init; }
    public int? FinalStatus { get; init; }
    public required DeliveryProof Delivery { get; init; }

    // The console, the JSON and the tables all list them: built once per analysis, dropped with it.
    private static readonly ConditionalWeakTable<AnalysisResult, List<MergedRegistration>> Built = new();

    public static List<MergedRegistration> All(AnalysisResult result) => Built.GetValue(result, static result =>
    {
        var delivery = new RegistrationDelivery(result);
        return PointGroups.Registrations(result).Select(group => Of(result, delivery, group)).ToList();
    });

    private static MergedRegistration Of(AnalysisResult result, RegistrationDelivery delivery, List<Registration> group)
    {
        var points = group.Select(r => FactsOf(result, delivery, r)).ToList();
        var lead = Highest(group, Rank);
        var seen = lead.Transactions.Count > 0 ? result.Correlation?.Of(lead.Transactions[0]) : null;
        var last = lead.Transactions.Count > 0 ? result.Correlation?.Of(lead.Transactions[^1]) : null;
        var proof = CrossPointDelivery.Choose(DeliveryProof.Best(points), points, CrossPointDelivery.Of(last));
        return new MergedRegistration
        {
            Lead = lead,
            LeadPoint = result.Points[lead.Point].Name,
            AtPoints = group,
            Points = points,
            Client = OwnAddress(seen?.Client, lead.Client),
            Server = OwnAddress(seen?.Server, lead.Server),
            Outcome = AsThePhoneSawIt(lead, proof),
            FinalStatus = lead.FinalStatus,
            Delivery = proof,
        };
    }

    // A binding the registrar made (or refused) but whose answer never reached the phone is not the phone's
    // outcome: it still waits for an answer to its REGISTER, with or without credentials.
    private static RegistrationOutcome? AsThePhoneSawIt(Registration r, DeliveryProof proof)
    {
        if (proof.Delivered != "no" || r.Outcome is not (RegistrationOutcome.Registered or RegistrationOutcome.Deregistered or RegistrationOutcome.Rejected))
            return r.Outcome;
        bool withCredentials = r.Steps.Count > 0 && r.Steps[^1].WithCredentials;
        return withCredentials ? RegistrationOutcome.AuthUnanswered : RegistrationOutcome.Unanswered;
    }

    // The point that got furthest: a final answer beats a challenge, a challenge beats silence; then the later step.
    private static (int Outcome, long CSeq) Rank(Registration r) => (r.Outcome switch
    {
        RegistrationOutcome.Registered or RegistrationOutcome.Deregistered or RegistrationOutcome.Rejected => 5,
        RegistrationOutcome.Other => 4,
        RegistrationOutcome.AuthUnanswered => 3,
        RegistrationOutcome.Challenged => 2,
        RegistrationOutcome.Unanswered => 1,
        _ => 0,
    }, r.Steps.Count > 0 ? r.Steps[^1].CSeq : 0);

    private static PointFacts FactsOf(AnalysisResult result, RegistrationDelivery delivery, Registration r)
    {
        var frame = r.Steps.Count > 0 ? r.Steps[0].FirstFrame : default;
        if (r.Transactions.Count == 0)
            return new PointFacts { Point = result.Points[r.Point].Name, PointIndex = r.Point, Id = r.Id, FirstFrame = frame,
                                    Outcome = RegistrationOutcomes.WireName(r.Outcome), FinalStatus = r.FinalStatus, Seen = RegistrationOutcomes.WireName(r.Outcome) ?? "open" };
        return PointFacts.Of(result, delivery, r.Transactions[^1], r.Id, frame, RegistrationOutcomes.WireName(r.Outcome), r.FinalStatus, Before(r));
    }

    // What the point saw before the last step, in a few words: the previous step's answer.
    private static string Before(Registration r)
    {
        if (r.Steps.Count < 2) return "";
        var previous = r.Steps[^2];
        string answer = previous.FinalStatus is int s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer";
        return (r.Steps.Count > 2 ? "…, " : "") + answer + ", then ";
    }
}
