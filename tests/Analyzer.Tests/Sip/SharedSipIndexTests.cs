using PcapSipAnalyzer.Analyzer.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// Engines that share a <see cref="SipStateBudget"/> (one per capture point) share its live-transaction and dialog
/// indexes: the same call seen at two points is two transactions and two dialogs, each finished by its own engine.
/// </summary>
public class SharedSipIndexTests
{
    private const string Pbx = "10.10.0.10:5060";
    private const string Phone = "10.20.0.5:5060";

    [Fact]
    public void The_same_call_at_two_points_is_a_call_at_each()
    {
        var budget = new SipStateBudget();
        var engines = new[] { new SipEngine(budget: budget), new SipEngine(budget: budget) };
        var invite = Request("INVITE", "call-1", 1, "z9hG4bK-1", Phone);
        long frame = 0;
        for (int point = 0; point < engines.Length; point++)
        {
            engines[point].OnMessage(Meta(++frame, 0, Phone, Pbx) with { Point = point }, invite);
            Assert.Equal(1, engines[point].LiveTransactions);
            // A lone INVITE (it may be a scan's) has no live dialog yet: it is made when more of the call comes.
            Assert.Equal(0, engines[point].LiveDialogs);
        }
        // Only the second point sees the answer: the first one's INVITE stays unanswered.
        engines[1].OnMessage(Meta(++frame, 0.1, Pbx, Phone) with { Point = 1 }, Response(invite, 200, toTag: "callee"));
        Assert.Equal(0, engines[0].LiveDialogs);
        Assert.Equal(1, engines[1].LiveDialogs);
        foreach (var engine in engines) engine.Finish(T0 + 200 * Second);

        Assert.Equal(TransactionOutcome.Unanswered, Assert.Single(engines[0].Transactions).Outcome);
        Assert.Equal(TransactionOutcome.Answered, Assert.Single(engines[1].Transactions).Outcome);
        Assert.Equal(0, engines[0].Transactions[0].Point);
        Assert.Equal(1, engines[1].Transactions[0].Point);
        Assert.Single(engines[0].Dialogs);
        Assert.Equal(200, Assert.Single(engines[1].Dialogs).FinalStatus);
        Assert.All(engines, e => Assert.Equal(0, e.LiveTransactions));
        Assert.Equal(0, budget.LiveTransactionIndex.Count);
        Assert.Empty(budget.DialogIndex);
    }

    [Fact]
    public void Counts_held_back_reach_their_dictionary_in_the_order_first_counted()
    {
        var engine = new SipEngine();
        string[] methods = ["OPTIONS", "OPTIONS", "REGISTER", "OPTIONS", "NOTIFY", "NOTIFY"];
        for (int i = 0; i < methods.Length; i++)
            engine.OnMessage(Meta(i + 1, i, Phone, Pbx), Request(methods[i], $"call-{i}", 1, $"z9hG4bK-{i}", Phone));

        // Read before the end: the last run of NOTIFY is counted too.
        Assert.Equal([("OPTIONS", 3L), ("REGISTER", 1L), ("NOTIFY", 2L)],
            engine.Statistics.Requests.Select(r => (r.Key, r.Value)));
        engine.OnMessage(Meta(7, 7, Phone, Pbx), Request("NOTIFY", "call-7", 1, "z9hG4bK-7", Phone));
        engine.Finish(T0 + 200 * Second);

        Assert.Equal(3, engine.Statistics.Requests["NOTIFY"]);
        Assert.Equal(["OPTIONS", "REGISTER", "NOTIFY"], engine.Statistics.TransactionsByMethod.Keys);
        Assert.Equal(7, engine.Statistics.TransactionsByMethod.Values.Sum());
    }
}
