using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

public class InviteTests
{
    private const string Alice = "10.0.0.1:5060";
    private const string Bob = "10.0.0.2:5060";

    private static SipMessage Invite(string callId, long cseq, string branch) =>
        Request("INVITE", callId, cseq, branch, Alice, fromUri: "sip:alice@example", fromTag: "atag",
            toUri: "sip:bob@example");

    [Fact]
    public void Answered_call_with_BYE_from_the_callee()
    {
        var flow = new SipFlow();
        var invite = WithSdp(Invite("call-1", 1, "z9hG4bK-inv1"), "10.0.0.1", 40000, 0, 8);
        flow.Send(0, Alice, Bob, invite);
        flow.Send(0.01, Bob, Alice, Response(invite, 100));
        flow.Send(0.50, Bob, Alice, Response(invite, 180, "btag"));
        flow.Send(3.00, Bob, Alice, WithSdp(Response(invite, 200, "btag"), "10.0.0.2", 50000, 0));
        var ack = Request("ACK", "call-1", 1, "z9hG4bK-ack1", Alice, fromUri: "sip:alice@example", fromTag: "atag",
            toUri: "sip:bob@example", toTag: "btag");
        long ackFrame = flow.Send(3.05, Alice, Bob, ack);
        var bye = Request("BYE", "call-1", 7, "z9hG4bK-bye1", Bob, fromUri: "sip:bob@example", fromTag: "btag",
            toUri: "sip:alice@example", toTag: "atag");
        long byeFrame = flow.Send(63.00, Bob, Alice, bye);
        flow.Send(63.01, Alice, Bob, Response(bye, 200));
        flow.Finish(200);

        var engine = flow.Engine;
        Assert.Equal(["INVITE", "BYE"], engine.Transactions.Select(t => t.Method));
        var inv = engine.Transactions[0];
        Assert.Equal(200, inv.FinalStatus);
        Assert.Equal(TransactionOutcome.Answered, inv.Outcome);
        Assert.Equal([100, 180, 200], inv.Responses.Select(g => g.Status));
        Assert.Equal(3000, inv.ResponseTimeMs!.Value, 3);
        Assert.Equal([ackFrame], inv.AckFrames.Select(f => f.Frame));
        Assert.Equal(TransactionOutcome.Answered, engine.Transactions[1].Outcome);

        var dialog = Assert.Single(engine.Dialogs);
        Assert.Equal(DialogOutcome.Answered, dialog.Outcome);
        Assert.Equal(DialogState.Terminated, dialog.State);
        Assert.Equal("btag", dialog.CalleeTag);
        Assert.Equal(3000, dialog.SetupTimeMs!.Value, 3);
        Assert.Equal(500, dialog.PostDialDelayMs!.Value, 3);
        Assert.Equal(60_000, dialog.DurationMs!.Value, 3);
        Assert.Equal("callee", dialog.HungUpBy);
        Assert.Equal(Bob, dialog.ByeSource);
        Assert.Equal([byeFrame], dialog.ByeFrames.Select(f => f.Frame));
        Assert.Equal([ackFrame], dialog.AckFrames.Select(f => f.Frame));
        Assert.Equal([inv.Id, engine.Transactions[1].Id], dialog.TransactionIds);
        Assert.Equal([("offer", "caller", 0), ("answer", "callee", 200)],
            dialog.Sdp.Select(s => (s.Kind, s.Party, s.Status)));
        Assert.Equal(50000, dialog.CalleeMedia!.Sdp.Media[0].Port);
        Assert.Equal("10.0.0.1", dialog.CallerMedia!.Sdp.ConnectionAddress);
        Assert.Empty(engine.Statistics.Anomalies);
    }

    [Fact]
    public void A_REGISTER_with_the_calls_Call_ID_and_tags_stays_out_of_the_dialog()
    {
        // RFC 3261 §10.2: registrations are outside any dialog, even from a client that reuses a call's identifiers.
        var flow = new SipFlow();
        var invite = Invite("call-1", 1, "z9hG4bK-inv1");
        flow.Send(0, Alice, Bob, invite);
        flow.Send(0.5, Bob, Alice, Response(invite, 200, "btag"));
        var register = Request("REGISTER", "call-1", 2, "z9hG4bK-reg1", Alice, fromUri: "sip:alice@example", fromTag: "atag",
            toUri: "sip:alice@example");
        flow.Send(1, Alice, Bob, register);
        flow.Send(1.01, Bob, Alice, Response(register, 200, "btag"));
        flow.Finish(200);

        var dialog = Assert.Single(flow.Engine.Dialogs);
        var inv = flow.Engine.Transactions.Single(t => t.Method == "INVITE");
        Assert.Equal([inv.Id], dialog.TransactionIds);
        Assert.Null(flow.Engine.Transactions.Single(t => t.Method == "REGISTER").Dialog);
    }

    [Fact]
    public void Busy_486_with_its_ACK_inside_the_INVITE_transaction()
    {
        var flow = new SipFlow();
        var invite = Invite("call-2", 1, "z9hG4bK-inv2");
        flow.Send(0, Alice, Bob, invite);
        flow.Send(0.01, Bob, Alice, Response(invite, 100));
        flow.Send(0.20, Bob, Alice, Response(invite, 486, "btag"));
        var ack = Request("ACK", "call-2", 1, "z9hG4bK-inv2", Alice, fromUri: "sip:alice@example", fromTag: "atag",
            toUri: "sip:bob@example", toTag: "btag");
        long ackFrame = flow.Send(0.21, Alice, Bob, ack);
        flow.Finish(100);

        var tx = Assert.Single(flow.Engine.Transactions);
        Assert.Equal(486, tx.FinalStatus);
        Assert.Equal([ackFrame], tx.AckFrames.Select(f => f.Frame));
        var dialog = Assert.Single(flow.Engine.Dialogs);
        Assert.Equal(DialogOutcome.Rejected, dialog.Outcome);
        Assert.Equal(486, dialog.FinalStatus);
        Assert.Empty(dialog.AckFrames);
        Assert.Empty(flow.Engine.Statistics.Anomalies);
        Assert.Equal(1, flow.Engine.Statistics.Requests["ACK"]);
    }

    [Fact]
    public void Cancelled_call_links_CANCEL_and_487()
    {
        var flow = new SipFlow();
        var invite = Invite("call-3", 1, "z9hG4bK-inv3");
        flow.Send(0, Alice, Bob, invite);
        flow.Send(0.30, Bob, Alice, Response(invite, 180, "btag"));
        var cancel = Request("CANCEL", "call-3", 1, "z9hG4bK-inv3", Alice, fromUri: "sip:alice@example",
            fromTag: "atag", toUri: "sip:bob@example");
        flow.Send(5, Alice, Bob, cancel);
        flow.Send(5.01, Bob, Alice, Response(cancel, 200, "btag"));
        flow.Send(5.02, Bob, Alice, Response(invite, 487, "btag"));
        var ack = Request("ACK", "call-3", 1, "z9hG4bK-inv3", Alice, fromUri: "sip:alice@example", fromTag: "atag",
            toUri: "sip:bob@example", toTag: "btag");
        flow.Send(5.03, Alice, Bob, ack);
        flow.Finish(100);

        var inv = flow.Engine.Transactions.Single(t => t.Method == "INVITE");
        var can = flow.Engine.Transactions.Single(t => t.Method == "CANCEL");
        Assert.Equal(487, inv.FinalStatus);
        Assert.Equal(200, can.FinalStatus);
        Assert.Equal(can.Id, inv.CancelTransactionId);
        Assert.Equal(inv.Id, can.CancelTransactionId);
        Assert.Single(inv.AckFrames);
        var dialog = Assert.Single(flow.Engine.Dialogs);
        Assert.Equal(DialogOutcome.Cancelled, dialog.Outcome);
        Assert.Equal(487, dialog.FinalStatus);
        Assert.Null(dialog.SetupTimeMs);
    }

    [Fact]
    public void Response_from_another_address_than_the_request_went_to_still_pairs()
    {
        var flow = new SipFlow();
        var invite = Invite("call-4", 1, "z9hG4bK-inv4");
        flow.Send(0, Alice, Bob, invite);
        // The answer comes from another address of the server (multi-homed PBX, or an SBC leg).
        long okFrame = flow.Send(1, "10.0.0.3:5070", Alice, Response(invite, 200, "btag"), destinationMac: 0x0000_5e00_5399);
        flow.Finish(100);

        var tx = Assert.Single(flow.Engine.Transactions);
        Assert.Equal(TransactionOutcome.Answered, tx.Outcome);
        Assert.Equal(Bob, tx.Server);
        Assert.Equal(Alice, tx.Client);
        var ok = tx.Responses.Single().Messages.Single();
        Assert.Equal(okFrame, ok.Frame.Frame);
        Assert.Equal("10.0.0.3:5070", ok.Source);
        Assert.Equal("00:00:5e:00:53:99", ok.DestinationMac);
        Assert.DoesNotContain("response-without-request", flow.Engine.Statistics.Anomalies.Keys);
    }

    [Fact]
    public void Retransmitted_INVITE_and_200_are_counted_per_transaction_and_as_tshark_counts_them()
    {
        var flow = new SipFlow();
        var invite = Invite("call-5", 1, "z9hG4bK-inv5");
        flow.Send(0, Alice, Bob, invite);
        flow.Send(0.5, Alice, Bob, invite);
        flow.Send(1.5, Alice, Bob, invite);
        flow.Send(1.6, Bob, Alice, Response(invite, 100));
        flow.Send(2.0, Bob, Alice, Response(invite, 200, "btag"));
        flow.Send(2.5, Bob, Alice, Response(invite, 200, "btag"));
        var ack = Request("ACK", "call-5", 1, "z9hG4bK-ack5", Alice, fromUri: "sip:alice@example", fromTag: "atag",
            toUri: "sip:bob@example", toTag: "btag");
        flow.Send(2.6, Alice, Bob, ack);
        flow.Send(2.7, Alice, Bob, ack);
        flow.Finish(100);

        var tx = flow.Engine.Transactions.Single();
        Assert.Equal(2, tx.Retransmissions);
        Assert.Equal(1, tx.ResponseRetransmissions);
        Assert.Equal(2, tx.ResponsesWithStatus(200)!.Count);
        Assert.Equal([false, true, true], tx.Requests.Select(r => r.IsRetransmission));
        Assert.Equal(2, tx.Acks.Count);
        var stats = flow.Engine.Statistics;
        Assert.Equal(2, stats.RequestRetransmissions);
        Assert.Equal(1, stats.ResponseRetransmissions);
        // tshark: 2 INVITE copies + the repeated 200; a repeated ACK is never "resent".
        Assert.Equal(3, stats.Retransmissions);
        Assert.Equal(3, stats.Requests["INVITE"]);
        Assert.Equal(2, stats.Requests["ACK"]);
        Assert.Equal(2, stats.Responses[200]);
        Assert.Equal(8, stats.Messages);
    }

    [Fact]
    public void Challenged_INVITE_retried_with_credentials_stays_one_call()
    {
        var flow = new SipFlow();
        var i1 = Invite("call-6", 1, "z9hG4bK-i6a");
        flow.Send(0, Alice, Bob, i1);
        flow.Send(0.1, Bob, Alice, Challenge(i1, 407));
        flow.Send(0.11, Alice, Bob, Request("ACK", "call-6", 1, "z9hG4bK-i6a", Alice, fromUri: "sip:alice@example",
            fromTag: "atag", toUri: "sip:bob@example", toTag: "srvtag"));
        var i2 = WithCredentials(Invite("call-6", 2, "z9hG4bK-i6b"));
        flow.Send(0.2, Alice, Bob, i2);
        flow.Send(1.2, Bob, Alice, Response(i2, 200, "btag"));
        flow.Finish(100);

        var dialog = Assert.Single(flow.Engine.Dialogs);
        Assert.Equal(DialogOutcome.Answered, dialog.Outcome);
        Assert.Equal(1, dialog.AuthChallenges);
        Assert.Equal(2, dialog.TransactionIds.Count);
        Assert.True(dialog.EndedByCaptureEnd);
        Assert.Equal(407, flow.Engine.Transactions[0].FinalStatus);
        Assert.Equal("pbx.example", flow.Engine.Transactions[0].Challenge!.Realm);
    }

    [Fact]
    public void INVITE_that_only_rang_is_provisional_only_and_the_call_unanswered()
    {
        var flow = new SipFlow();
        var invite = Invite("call-7", 1, "z9hG4bK-inv7");
        flow.Send(0, Alice, Bob, invite);
        flow.Send(0.2, Bob, Alice, Response(invite, 180, "btag"));
        flow.Engine.OnTime(T0 + 60 * Second);
        Assert.Empty(flow.Engine.Transactions); // still ringing: timer B stopped at the 180
        flow.Engine.OnTime(T0 + 400 * Second);
        var tx = Assert.Single(flow.Engine.Transactions);
        Assert.Equal(TransactionOutcome.ProvisionalOnly, tx.Outcome);
        flow.Finish(500);
        Assert.Equal(DialogOutcome.Unanswered, Assert.Single(flow.Engine.Dialogs).Outcome);
    }
}
