using PcapSipAnalyzer.Analyzer.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// A long capture fills the report's retention caps with routine exchanges long before the fault begins:
/// the noteworthy transactions and registrations that come later take the places of routine ones.
/// </summary>
public class RetentionTests
{
    private const string Pbx = "10.10.0.10:5060";

    [Fact]
    public void Late_unanswered_transactions_replace_early_routine_ones()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxRetainedTransactions = 100 });
        double t = 0;
        for (int i = 0; i < 300; i++, t += 1)
        {
            var ping = Request("OPTIONS", $"ok-{i}", 1, $"z9hG4bK-ok-{i}", "10.20.0.5:5060");
            flow.Send(t, "10.20.0.5:5060", Pbx, ping);
            flow.Send(t + 0.01, Pbx, "10.20.0.5:5060", Response(ping, 200));
        }
        var late = new List<string>();
        for (int i = 0; i < 20; i++, t += 1)
        {
            // The routes changed: the answers no longer arrive, the phone retransmits.
            var ping = Request("OPTIONS", $"lost-{i}", 1, $"z9hG4bK-lost-{i}", "10.20.0.5:5060");
            flow.Send(t, "10.20.0.5:5060", Pbx, ping);
            flow.Send(t + 0.5, "10.20.0.5:5060", Pbx, ping);
            late.Add($"lost-{i}");
        }
        flow.Finish(t + 60);

        var kept = flow.Engine.Transactions;
        Assert.Equal(100, kept.Count);
        var keptIds = kept.Select(k => k.CallId).ToHashSet();
        Assert.All(late, id => Assert.Contains(id, keptIds));
        // The routine ones that stay are the earliest (the report still begins at the capture's start).
        Assert.Equal(Enumerable.Range(0, 80).Select(i => $"ok-{i}"), kept.Take(80).Select(k => k.CallId));
        Assert.Equal(320 - 100, flow.Engine.Statistics.Evictions.TransactionsNotRetained);
    }

    [Fact]
    public void When_every_kept_transaction_is_noteworthy_new_ones_are_dropped_and_counted()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxRetainedTransactions = 10 });
        for (int i = 0; i < 30; i++)
            flow.Send(i, "10.20.0.5:5060", Pbx, Request("OPTIONS", $"lost-{i}", 1, $"z9hG4bK-lost-{i}", "10.20.0.5:5060"));
        flow.Finish(100);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"lost-{i}"), flow.Engine.Transactions.Select(k => k.CallId));
        Assert.Equal(20, flow.Engine.Statistics.Evictions.TransactionsNotRetained);
    }

    [Fact]
    public void Late_unanswered_registrations_replace_early_registered_ones()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxRetainedRegistrations = 50 });
        double t = 0;
        for (int i = 0; i < 120; i++, t += 1)
        {
            string phone = $"10.20.1.{i}:5060";
            var register = Request("REGISTER", $"reg-{i}", 1, $"z9hG4bK-reg-{i}", phone, fromUri: $"sip:{1000 + i}@pbx.example", toUri: $"sip:{1000 + i}@pbx.example");
            register = WithContact(register, $"sip:{1000 + i}@{phone}", 120);
            flow.Send(t, phone, Pbx, register);
            flow.Send(t + 0.01, Pbx, phone, WithContact(Response(register, 200, "t"), $"sip:{1000 + i}@{phone}", 120));
        }
        for (int i = 0; i < 5; i++, t += 1)
        {
            string phone = $"10.30.1.{i}:5060";
            var register = Request("REGISTER", $"moved-{i}", 1, $"z9hG4bK-moved-{i}", phone, fromUri: $"sip:{2000 + i}@pbx.example", toUri: $"sip:{2000 + i}@pbx.example");
            flow.Send(t, phone, Pbx, WithContact(register, $"sip:{2000 + i}@{phone}", 120));
        }
        flow.Finish(t + 60);

        var kept = flow.Engine.Registrations;
        Assert.Equal(50, kept.Count);
        Assert.Equal(5, kept.Count(r => r.Outcome == RegistrationOutcome.Unanswered));
        Assert.True(flow.Engine.Statistics.Evictions.RegistrationsNotRetained > 0);
    }
}
