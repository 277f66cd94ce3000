using System.Diagnostics;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

public class SipEngineRobustnessTests
{
    [Fact]
    public void Hundred_thousand_distinct_call_ids_stay_within_the_caps()
    {
        var options = new SipEngineOptions
        {
            MaxLiveTransactions = 1_000,
            MaxRetainedTransactions = 5_000,
            MaxRetainedRegistrations = 5_000,
            MaxRegistrationBindings = 2_000,
            MaxResendEntries = 2_000,
        };
        var flow = new SipFlow(options);
        int maxLive = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 100_000; i++)
        {
            // A scanner: one unanswered REGISTER per Call-ID, 100 µs apart (10 s in all, inside timer F).
            var m = Request("REGISTER", $"flood-{i}", 1, $"z9hG4bK-{i}", "203.0.113.9:5060", toUri: $"sip:{i}@pbx");
            flow.Send(i * 0.0001, "203.0.113.9:5060", "192.168.0.10:5060", m);
            maxLive = Math.Max(maxLive, flow.Engine.LiveTransactions);
        }
        flow.Finish(20);
        clock.Stop();

        var stats = flow.Engine.Statistics;
        Assert.True(maxLive <= 1_000, $"live transactions peaked at {maxLive}");
        // Each a scanner's request, so counted as the scan's whichever cap took it.
        Assert.Equal(99_000, stats.Evictions.ScanLikeTransactions);
        Assert.Equal(0, stats.Evictions.Transactions);
        Assert.Equal(95_000, stats.Evictions.TransactionsNotRetained);
        Assert.Equal(5_000, flow.Engine.Transactions.Count);
        Assert.Equal(5_000, flow.Engine.Registrations.Count);
        Assert.Equal(95_000, stats.Evictions.RegistrationsNotRetained);
        // One scan-like REGISTER per Call-ID: each binding is forgotten with its attempt, none waits to be evicted.
        Assert.Equal(0, stats.Evictions.RegistrationBindings);
        Assert.True(stats.Evictions.ResendEntries > 90_000);
        Assert.Equal(100_000, stats.Requests["REGISTER"]);
        Assert.Equal(100_000, stats.TransactionsByOutcome.Values.Sum());
        Assert.Equal(99_000, stats.TransactionsByOutcome[TransactionOutcome.Evicted]);
        Assert.Equal(1_000, stats.TransactionsByOutcome[TransactionOutcome.Unanswered]);
        Assert.Equal(100_000, stats.RegistrationsByOutcome.Values.Sum());
        Assert.Equal(1_000, stats.RegistrationsByOutcome[RegistrationOutcome.Unanswered]);
        // Dropped from memory before their timers: said so, not "other" (which reads as an error response).
        Assert.Equal(99_000, stats.RegistrationsByOutcome[RegistrationOutcome.Evicted]);
        Assert.Equal("evicted", RegistrationOutcomes.WireName(RegistrationOutcome.Evicted));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Messages_missing_the_fields_a_transaction_needs_become_anomalies()
    {
        var flow = new SipFlow();
        flow.Send(0, "10.0.0.1:5060", "10.0.0.2:5060", new SipMessage { IsRequest = true, Method = "INVITE" });
        var noVia = Request("OPTIONS", "x", 1, "z9hG4bK-x", "10.0.0.1:5060");
        noVia.Vias.Clear();
        flow.Send(1, "10.0.0.1:5060", "10.0.0.2:5060", noVia);
        flow.Send(2, "10.0.0.2:5060", "10.0.0.1:5060", new SipMessage { IsRequest = false, StatusCode = 200 });
        var orphan = Response(Request("OPTIONS", "y", 1, "z9hG4bK-y", "10.0.0.1:5060"), 404);
        flow.Send(3, "10.0.0.2:5060", "10.0.0.1:5060", orphan);
        var orphanAck = Request("ACK", "z", 1, "z9hG4bK-z", "10.0.0.1:5060", toTag: "t");
        flow.Send(4, "10.0.0.1:5060", "10.0.0.2:5060", orphanAck);
        flow.Engine.OnMalformed(Meta(99, 5, "10.0.0.1:5060", "10.0.0.2:5060"), "bad-start-line");
        flow.Finish(100);

        var anomalies = flow.Engine.Statistics.Anomalies;
        Assert.Equal([1L], anomalies["request-without-call-id-or-cseq"].Frames.Select(f => f.Frame));
        Assert.Equal([2L], anomalies["request-without-via"].Frames.Select(f => f.Frame));
        Assert.Equal([3L], anomalies["response-without-call-id-or-cseq"].Frames.Select(f => f.Frame));
        Assert.Equal([4L], anomalies["response-without-request"].Frames.Select(f => f.Frame));
        Assert.Equal([5L], anomalies["ack-without-invite"].Frames.Select(f => f.Frame));
        Assert.Equal([99L], anomalies["malformed:bad-start-line"].Frames.Select(f => f.Frame));
        Assert.DoesNotContain(anomalies.Keys, k => k.StartsWith("engine-error", StringComparison.Ordinal));
        Assert.Equal(TransactionOutcome.ResponseOnly, Assert.Single(flow.Engine.Transactions).Outcome);
        Assert.Equal(5, flow.Engine.Statistics.Messages);
        Assert.Equal(1, flow.Engine.Statistics.Malformed);
    }

    [Fact]
    public void Randomly_damaged_messages_never_throw_out_of_the_engine()
    {
        var random = new Random(3261);
        var flow = new SipFlow(new SipEngineOptions { MaxLiveTransactions = 50 });
        for (int i = 0; i < 20_000; i++)
        {
            var m = Request(random.Next(4) switch { 0 => "INVITE", 1 => "ACK", 2 => "REGISTER", _ => "BYE" },
                "c" + random.Next(30), random.Next(-2, 4), random.Next(3) == 0 ? null : "z9hG4bK" + random.Next(20),
                "10.0.0." + random.Next(3) + ":5060", fromTag: random.Next(5) == 0 ? null! : "f" + random.Next(3),
                toTag: random.Next(2) == 0 ? null : "t" + random.Next(3));
            if (random.Next(2) == 0)
            {
                m = Response(m, random.Next(6) switch { 0 => 100, 1 => 180, 2 => 200, 3 => 401, 4 => 487, _ => 0 });
                if (random.Next(8) == 0) m.CSeqMethod = null;
            }
            if (random.Next(10) == 0) m.Vias.Clear();
            if (random.Next(10) == 0) m.CallId = null;
            if (random.Next(10) == 0) m.From = null;
            if (random.Next(10) == 0) m.To = null;
            if (random.Next(10) == 0) WithSdp(m, "10.0.0.9", random.Next(70000));
            if (random.Next(10) == 0) m.Challenges.Add(new SipChallenge { Stale = random.Next(2) == 0 });
            if (random.Next(10) == 0) m.Credentials.Add(new SipCredentials());
            flow.Send(i * 0.01, "10.0.0." + random.Next(3) + ":5060", "10.0.0.9:5060", m);
        }
        flow.Finish(1000);

        Assert.DoesNotContain(flow.Engine.Statistics.Anomalies.Keys, k => k.StartsWith("engine-error", StringComparison.Ordinal));
        Assert.Equal(0, flow.Engine.LiveTransactions);
        Assert.Equal(0, flow.Engine.LiveDialogs);
        Assert.Equal(20_000, flow.Engine.Statistics.Messages);
    }
}
