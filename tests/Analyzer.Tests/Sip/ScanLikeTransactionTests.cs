using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// A scan's one-shot requests are held under a cap of their own and give way to each other; a phone's
/// transactions, once they show what a scan never does (a retransmission, credentials, a provisional or 2xx
/// response), are held until their timers however long the scan goes on.
/// </summary>
public class ScanLikeTransactionTests
{
    private const string Pbx = "192.168.0.10:5060";

    // One REGISTER per source, never retransmitted, at two thousand a second.
    private static void Scan(SipFlow flow, int from, int count, double startSeconds, double perSecond = 2_000)
    {
        for (int i = from; i < from + count; i++)
        {
            var source = $"198.51.{i / 250 % 250}.{i % 250 + 1}:5060";
            var m = Request("REGISTER", $"scan-{i}", 1, $"z9hG4bK-scan-{i}", source, toUri: $"sip:{i % 900 + 100}@pbx");
            flow.Send(startSeconds + (i - from) / perSecond, source, Pbx, m);
        }
    }

    // Phone n's address and its first REGISTER (Call-ID phone-n), not yet sent.
    private static (string Address, SipMessage Register) Phone(int n)
    {
        string address = $"10.20.0.{20 + n}:5060";
        return (address, Request("REGISTER", $"phone-{n}", 1, $"z9hG4bK-p{n}", address));
    }

    // One unanswered INVITE with a Call-ID and source of its own, as an INVITE flood sends them.
    private static void Invite(SipFlow flow, int i, double at) => flow.SendFloodInvite(i, at, Pbx);

    // The highest reading of gauge after each of count steps.
    private static int Peak(int count, Action<int> step, Func<int> gauge)
    {
        int peak = 0;
        for (int i = 0; i < count; i++)
        {
            step(i);
            peak = Math.Max(peak, gauge());
        }
        return peak;
    }

    [Fact]
    public void A_scan_past_the_cap_evicts_its_own_oldest_requests_and_counts_them_apart()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxLiveScanLikeTransactions = 2_000 });
        int maxLive = Peak(10_000, i => Scan(flow, i, 1, i / 2_000.0), () => flow.Engine.LiveTransactions);
        flow.Finish(100);

        var stats = flow.Engine.Statistics;
        Assert.Equal(2_000, maxLive);
        Assert.Equal(8_000, stats.Evictions.ScanLikeTransactions);
        Assert.Equal(0, stats.Evictions.Transactions);
        Assert.Equal(8_000, stats.TransactionsByOutcome[TransactionOutcome.Evicted]);
        // The last two thousand ran to timer F in the capture: unanswered, as before.
        Assert.Equal(2_000, stats.TransactionsByOutcome[TransactionOutcome.Unanswered]);
        // Their bindings were forgotten with them, not evicted: the scan leaves no registration history behind.
        Assert.Equal(0, stats.Evictions.RegistrationBindings);
        Assert.Equal(10_000, stats.RegistrationsByOutcome.Values.Sum());
    }

    [Fact]
    public void A_phone_whose_replies_are_lost_keeps_its_whole_transaction_through_a_scan()
    {
        // The field case: the PBX's 401s go out through the wrong gateway, so the phone retransmits its REGISTER
        // (timer E: 0.5, 1, 2, 4, 4 … s) while a scan sends two thousand REGISTERs a second.
        var options = new SipEngineOptions { MaxLiveScanLikeTransactions = 2_000, MaxLiveTransactions = 10_000 };
        var flow = new SipFlow(options);
        var (phone, register) = Phone(1);
        double[] copies = [0.25, 0.75, 1.75, 3.75, 7.75, 11.75, 15.75, 19.75, 23.75, 27.75, 31.75];
        int scanned = 0;
        var phoneFrames = new List<long>();
        foreach (double at in copies)
        {
            int upTo = (int)(at * 2_000);
            Scan(flow, scanned, upTo - scanned, scanned / 2_000.0);
            scanned = upTo;
            phoneFrames.Add(flow.Send(at, phone, Pbx, register));
            flow.Send(at + 0.002, Pbx, phone, Challenge(register));
        }
        Scan(flow, scanned, 70_000 - scanned, scanned / 2_000.0);
        flow.Finish(200);

        var t = Assert.Single(flow.Engine.Transactions, t => t.CallId == "phone-1");
        Assert.False(t.Evicted);
        Assert.Equal(copies.Length, t.RequestCount);
        Assert.Equal(phoneFrames, t.RequestFrames.Select(f => f.Frame));
        Assert.Equal(401, t.FinalStatus);
        Assert.Equal(copies.Length - 1, t.RetransmissionsAfterFinal);
        Assert.True(flow.Engine.Statistics.Evictions.ScanLikeTransactions > 60_000);
        Assert.Equal(0, flow.Engine.Statistics.Evictions.Transactions);
    }

    [Fact]
    public void A_scan_faster_than_the_cap_still_leaves_a_phone_its_first_retransmission()
    {
        // Eight thousand scan REGISTERs a second fill the scan-like cap in a quarter of a second, before a phone's
        // unanswered REGISTER is retransmitted (0.5 s): the grace keeps the phone's request until then.
        var flow = new SipFlow(new SipEngineOptions { MaxLiveScanLikeTransactions = 2_000, MaxLiveTransactions = 10_000 });
        var (phone, register) = Phone(6);
        flow.Send(0, phone, Pbx, register);
        Scan(flow, 0, 4_000, 0.0001, perSecond: 8_000);
        flow.Send(0.5001, phone, Pbx, register);
        int peak = Peak(36_000, i => Scan(flow, 4_000 + i, 1, 0.5002 + i / 8_000.0), () => flow.Engine.LiveTransactions);
        flow.Finish(100);

        Assert.InRange(peak, 7_900, 8_100); // one second of the scan, not the cap's two thousand
        var t = Assert.Single(flow.Engine.Transactions, t => t.CallId == "phone-6");
        Assert.False(t.Evicted);
        Assert.Equal(2, t.RequestCount);
        Assert.Equal(TransactionOutcome.Unanswered, t.Outcome);
    }

    [Fact]
    public void The_table_cap_takes_scan_requests_before_a_phone_closer_to_its_timeout()
    {
        // A table smaller than the scan-like cap: the whole-table cap has to choose, and a phone's retransmitted
        // request (the oldest, closest to its timeout) is not its choice while a scan request is live.
        var flow = new SipFlow(new SipEngineOptions { MaxLiveTransactions = 100, MaxLiveScanLikeTransactions = 2_000 });
        var (phone, register) = Phone(4);
        flow.Send(0, phone, Pbx, register);
        flow.Send(0.5, phone, Pbx, register);
        Scan(flow, 0, 1_000, 0.6, perSecond: 1_000);
        flow.Send(1.5, phone, Pbx, register);
        flow.Finish(100);

        var t = Assert.Single(flow.Engine.Transactions, t => t.CallId == "phone-4");
        Assert.False(t.Evicted);
        Assert.Equal(3, t.RequestCount);
        Assert.Equal(TransactionOutcome.Unanswered, t.Outcome);
        // Scan requests the table's cap took are counted as the scan's, not as a phone's transactions.
        Assert.Equal(901, flow.Engine.Statistics.Evictions.ScanLikeTransactions);
        Assert.Equal(0, flow.Engine.Statistics.Evictions.Transactions);
    }

    [Fact]
    public void A_challenged_phone_answering_with_credentials_continues_its_registration()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxLiveScanLikeTransactions = 100 });
        const string phone = "10.20.0.22:5060";
        var first = Request("REGISTER", "phone-2", 1, "z9hG4bK-p2-1", phone);
        flow.Send(0, phone, Pbx, first);
        flow.Send(0.01, Pbx, phone, Challenge(first));
        var second = WithCredentials(Request("REGISTER", "phone-2", 2, "z9hG4bK-p2-2", phone));
        flow.Send(0.02, phone, Pbx, second);
        // Ten times the cap of scan requests follow: the credentialed REGISTER is no scan and stays live.
        Scan(flow, 0, 1_000, 0.03, perSecond: 10_000);
        flow.Send(0.2, Pbx, phone, Response(second, 200, "srvtag"));
        flow.Finish(100);

        var registration = Assert.Single(flow.Engine.Registrations, r => r.CallId == "phone-2");
        Assert.Equal(RegistrationOutcome.Registered, registration.Outcome);
        Assert.Equal(2, registration.Transactions.Count);
        var answered = Assert.Single(flow.Engine.Transactions, t => t.CallId == "phone-2" && t.CSeq == 2);
        Assert.Equal(200, answered.FinalStatus);
        Assert.False(answered.Evicted);
    }

    [Fact]
    public void A_ringing_invite_is_no_scan_request_and_outlives_the_scan()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxLiveScanLikeTransactions = 100 });
        const string phone = "10.20.0.23:5060";
        var invite = Request("INVITE", "call-1", 1, "z9hG4bK-call-1", phone, toUri: "sip:300@pbx.example");
        flow.Send(0, phone, Pbx, invite);
        flow.Send(0.05, Pbx, phone, Response(invite, 180, "callee"));
        Scan(flow, 0, 5_000, 0.1, perSecond: 1_000);
        flow.Send(6, Pbx, phone, Response(invite, 200, "callee"));
        flow.Finish(100);

        var t = Assert.Single(flow.Engine.Transactions, t => t.CallId == "call-1");
        Assert.False(t.Evicted);
        Assert.Equal(200, t.FinalStatus);
        Assert.DoesNotContain("response-without-request", flow.Engine.Statistics.Anomalies.Keys);
    }

    [Fact]
    public void Phones_that_answer_their_challenges_are_never_taken_for_a_scan()
    {
        // A site booting: three thousand phones each REGISTER, are challenged, and REGISTER again with credentials
        // within a few milliseconds — more challenged REGISTERs live at once than the scan-like cap, none a scan's.
        var flow = new SipFlow(new SipEngineOptions { MaxLiveScanLikeTransactions = 2_000 });
        for (int i = 0; i < 3_000; i++)
        {
            string phone = $"10.40.{i / 250}.{i % 250 + 1}:5060", callId = $"boot-{i}", aor = $"sip:{1000 + i}@pbx.example";
            double at = i * 0.002;
            var first = Request("REGISTER", callId, 1, $"z9hG4bK-b{i}-1", phone, fromUri: aor, toUri: aor);
            flow.Send(at, phone, Pbx, first);
            flow.Send(at + 0.0005, Pbx, phone, Challenge(first));
            var second = WithCredentials(Request("REGISTER", callId, 2, $"z9hG4bK-b{i}-2", phone, fromUri: aor, toUri: aor));
            flow.Send(at + 0.001, phone, Pbx, second);
            flow.Send(at + 0.0015, Pbx, phone, Response(second, 200, "srvtag"));
        }
        flow.Finish(300);

        var stats = flow.Engine.Statistics;
        Assert.Equal(0, stats.Evictions.ScanLikeTransactions);
        Assert.Equal(0, stats.Evictions.Transactions);
        Assert.Equal(3_000, stats.RegistrationsByOutcome[RegistrationOutcome.Registered]);
    }

    [Fact]
    public void A_flood_of_unanswered_invites_takes_its_dialogs_along_when_its_requests_give_way()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxLiveScanLikeTransactions = 1_000, MaxLiveDialogs = 10_000 });
        int maxDialogs = Peak(20_000, i => Invite(flow, i, i / 500.0), () => flow.Engine.LiveDialogs);
        flow.Finish(300);

        var stats = flow.Engine.Statistics;
        // A lone unanswered INVITE's dialog is made and ended with it: none lives among the calls, and the
        // INVITEs that gave way are counted once, as the scan's.
        Assert.Equal(0, maxDialogs);
        Assert.Equal(19_000, stats.Evictions.ScanLikeTransactions);
        Assert.Equal(0, stats.Evictions.Dialogs);
        Assert.Equal(20_000, stats.DialogsByOutcome[DialogOutcome.Unanswered]);
        // A kept dialog says whether its INVITE was cut short (the earliest ones were).
        Assert.All(flow.Engine.Dialogs, d => Assert.Equal(Assert.Single(d.Transactions).Evicted, d.Evicted));
        Assert.Contains(flow.Engine.Dialogs, d => d.Evicted);
        Assert.Equal(20_000, flow.Engine.Dialogs.Count + stats.Evictions.DialogsNotRetained);
        Assert.Equal(0, flow.Engine.LiveDialogs);
        Assert.Equal(0, flow.Engine.LiveTransactions);
    }

    [Fact]
    public void A_call_answered_during_an_invite_flood_keeps_its_dialog_until_the_bye()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxLiveScanLikeTransactions = 100 });
        const string phone = "10.20.0.25:5060";
        var invite = Request("INVITE", "call-5", 1, "z9hG4bK-call-5", phone, fromTag: "caller5", toUri: "sip:300@pbx.example");
        flow.Send(0, phone, Pbx, invite);
        flow.Send(0.005, Pbx, phone, Response(invite, 180, "callee5"));
        for (int i = 0; i < 5_000; i++) Invite(flow, i, 0.01 + i / 1_000.0);
        flow.Send(6, Pbx, phone, Response(invite, 200, "callee5"));
        var bye = Request("BYE", "call-5", 2, "z9hG4bK-call-5-bye", phone, fromTag: "caller5", toUri: "sip:300@pbx.example", toTag: "callee5");
        flow.Send(60, phone, Pbx, bye);
        flow.Send(60.01, Pbx, phone, Response(bye, 200, "callee5"));
        flow.Finish(300);

        var call = Assert.Single(flow.Engine.Dialogs, d => d.CallId == "call-5");
        Assert.Equal(DialogOutcome.Answered, call.Outcome);
        Assert.False(call.Evicted);
        Assert.NotNull(call.ByeNs);
    }

    [Fact]
    public void Unanswered_scan_requests_under_the_cap_time_out_as_before()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxLiveScanLikeTransactions = 2_000 });
        Scan(flow, 0, 500, 0, perSecond: 100);
        Assert.Equal(500, flow.Engine.LiveTransactions);
        // Timer F (32 s) and the linger (32 s) after the last request: every one has left the table by its timer.
        flow.Engine.OnTime(T0 + 5 * Second + 64 * Second + 1);
        Assert.Equal(0, flow.Engine.LiveTransactions);
        flow.Finish(200);

        var stats = flow.Engine.Statistics;
        Assert.Equal(500, stats.TransactionsByOutcome[TransactionOutcome.Unanswered]);
        Assert.Equal(0, stats.Evictions.ScanLikeTransactions);
        Assert.All(flow.Engine.Transactions, t => Assert.False(t.EndedByCaptureEnd));
    }
}
