using System.Runtime.CompilerServices;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// One call (INVITE dialog) across every capture point that saw it: the point that saw it furthest (answered
/// over rejected or cancelled over unanswered) leads, and each point says what it saw of the initial INVITE.
/// </summary>
internal sealed class MergedDialog : MergedItem<Dialog>
{
    /// <summary>"ip:port" of the caller as it sent the INVITE (before any NAT), and of the callee as the INVITE reached it.</summary>
    public required string Caller { get; init; }
    public required string Callee { get; init; }

    // The console, the JSON and the tables all list them: built once per analysis, dropped with it.
    private static readonly ConditionalWeakTable<AnalysisResult, List<MergedDialog>> Built = new();

    public static List<MergedDialog> All(AnalysisResult result) => Built.GetValue(result, static result =>
    {
        var delivery = new RegistrationDelivery(result);
        return PointGroups.Dialogs(result).Select(group => Of(result, delivery, group)).ToList();
    });

    private static MergedDialog Of(AnalysisResult result, RegistrationDelivery delivery, List<Dialog> group)
    {
        var lead = Highest(group, Rank);
        var invite = lead.Transactions.Find(static t => t.Method == "INVITE");
        var seen = invite is null ? null : result.Correlation?.Of(invite);
        return new MergedDialog
        {
            Caller = OwnAddress(seen?.Client, lead.Caller),
            Callee = OwnAddress(seen?.Server, lead.Callee),
            Lead = lead,
            LeadPoint = result.Points[lead.Point].Name,
            AtPoints = group,
            Points = group.Select(d => FactsOf(result, delivery, d)).ToList(),
        };
    }

    private static int Rank(Dialog d) => d.Outcome switch
    {
        DialogOutcome.Answered => 4,
        DialogOutcome.Rejected or DialogOutcome.Cancelled => 3,
        DialogOutcome.Unanswered => 2,
        _ => d.FinalStatus is not null ? 1 : 0,
    };

    private static PointFacts FactsOf(AnalysisResult result, RegistrationDelivery delivery, Dialog d)
    {
        var invite = d.Transactions.Find(static t => t.Method == "INVITE");
        if (invite is null)
            return new PointFacts { Point = result.Points[d.Point].Name, PointIndex = d.Point, Id = d.Id, FirstFrame = d.InviteFrame,
                                    Outcome = DialogOutcomes.WireName(d.Outcome), FinalStatus = d.FinalStatus, Seen = DialogOutcomes.WireName(d.Outcome) ?? d.State };
        return PointFacts.Of(result, delivery, invite, d.Id, d.InviteFrame, DialogOutcomes.WireName(d.Outcome) ?? d.State, d.FinalStatus, "");
    }
}
