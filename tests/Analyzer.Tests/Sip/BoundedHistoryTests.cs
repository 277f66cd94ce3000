using PcapSipAnalyzer.Analyzer.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// Histories inside one dialog or registration keep their first and latest entries, and the SIP caps hold for
/// the engines of all capture points together (<see cref="SipStateBudget"/>).
/// </summary>
public class BoundedHistoryTests
{
    private const string Pbx = "10.10.0.10:5060";
    private const string Phone = "10.20.0.5:5060";

    [Fact]
    public void A_history_keeps_its_first_and_latest_items_and_counts_the_rest()
    {
        var list = new List<int>();
        int dropped = 0;
        for (int i = 0; i < 100; i++)
            if (!KeptHistory.Add(list, i, 3)) dropped++;

        Assert.Equal([0, 1, 2, 97, 98, 99], list);
        Assert.Equal(94, dropped);
    }

    [Fact]
    public void A_long_dialog_keeps_the_ends_of_its_transactions_and_sdp()
    {
        var flow = new SipFlow(new SipEngineOptions { HistoryKeptAtEachEnd = 4 });
        var invite = Request("INVITE", "long", 1, "z9hG4bK-inv", Phone, fromTag: "caller");
        flow.Send(0, Phone, Pbx, invite);
        flow.Send(0.1, Pbx, Phone, Response(invite, 200, toTag: "callee"));
        for (int i = 0; i < 50; i++)
        {
            var info = Request("INFO", "long", 2 + i, $"z9hG4bK-info-{i}", Phone, fromTag: "caller", toTag: "callee");
            flow.Send(1 + i, Phone, Pbx, info);
            flow.Send(1.1 + i, Pbx, Phone, Response(info, 200));
        }
        flow.Finish(100);

        var dialog = Assert.Single(flow.Engine.Dialogs);
        Assert.Equal(8, dialog.Transactions.Count);
        Assert.Equal("INVITE", dialog.Transactions[0].Method);
        Assert.Equal(51, dialog.Transactions[^1].CSeq);
        Assert.Equal(51 - 8, dialog.HistoryNotKept);
        Assert.Equal(51 - 8, flow.Engine.Statistics.Evictions.DialogHistoryNotRetained);
    }

    [Fact]
    public void Engines_sharing_a_budget_retain_no_more_together_than_one_may()
    {
        // Two capture points, each with its own engine: 30 answered OPTIONS at each, 40 kept in all.
        var options = new SipEngineOptions { MaxRetainedTransactions = 40 };
        var budget = new SipStateBudget();
        var engines = new[] { new SipEngine(options, budget), new SipEngine(options, budget) };
        long frame = 0;
        for (int i = 0; i < 30; i++)
        {
            for (int point = 0; point < engines.Length; point++)
            {
                var ping = Request("OPTIONS", $"ping-{i}", 1, $"z9hG4bK-{i}", Phone);
                engines[point].OnMessage(Meta(++frame, i, Phone, Pbx) with { Point = point }, ping);
                engines[point].OnMessage(Meta(++frame, i + 0.01, Pbx, Phone) with { Point = point }, Response(ping, 200));
            }
        }
        foreach (var engine in engines) engine.Finish(T0 + 200 * Second);

        Assert.Equal(40, engines.Sum(e => e.Transactions.Count));
        Assert.Equal(60 - 40, engines.Sum(e => e.Statistics.Evictions.TransactionsNotRetained));
    }
}
