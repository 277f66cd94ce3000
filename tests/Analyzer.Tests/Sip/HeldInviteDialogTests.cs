using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// A lone INVITE that looks like a scan's (one copy over UDP, no credentials, nothing back yet) gets its dialog only
/// when more of the call comes — a response, a retransmission, a CANCEL — or, never answered, as it ends. The dialog
/// is the one it would have been from the first copy: its number in arrival order, the INVITE's time and frame,
/// the SDP offer of that copy.
/// </summary>
public class HeldInviteDialogTests
{
    private const string Alice = "10.0.0.1:5060";
    private const string Carol = "10.0.0.3:5060";
    private const string Pbx = "10.0.0.2:5060";

    private static SipMessage Invite(string callId, string from, string tag) =>
        WithSdp(Request("INVITE", callId, 1, "z9hG4bK-" + callId, from, fromUri: $"sip:{tag}@example", fromTag: tag,
            toUri: "sip:bob@example"), from[..from.IndexOf(':')], 40000, 0, 8);

    [Fact]
    public void A_call_answered_after_another_INVITE_came_keeps_its_number_time_frame_and_offer()
    {
        var flow = new SipFlow();
        var first = Invite("call-a", Alice, "alice");
        long inviteFrame = flow.Send(0, Alice, Pbx, first);
        Assert.Equal(0, flow.Engine.LiveDialogs);
        var second = Invite("call-c", Carol, "carol");
        flow.Send(0.05, Carol, Pbx, second);
        flow.Send(0.10, Pbx, Alice, Response(first, 100));
        Assert.Equal(1, flow.Engine.LiveDialogs);
        flow.Send(0.20, Pbx, Carol, Response(second, 486, "busy"));
        long answerFrame = flow.Send(2.00, Pbx, Alice, WithSdp(Response(first, 200, "bob"), "10.0.0.2", 50000, 0));
        flow.Finish(300);

        var dialogs = flow.Engine.Dialogs.OrderBy(d => d.Id).ToList();
        Assert.Equal(["call-a", "call-c"], dialogs.Select(d => d.CallId));
        var call = dialogs[0];
        Assert.Equal(DialogOutcome.Answered, call.Outcome);
        Assert.Equal(inviteFrame, call.InviteFrame.Frame);
        Assert.Equal(2000, call.SetupTimeMs!.Value, 3);
        Assert.Equal([("offer", "caller", 0, inviteFrame), ("answer", "callee", 200, answerFrame)],
            call.Sdp.Select(s => (s.Kind, s.Party, s.Status, s.Frame.Frame)));
        Assert.Equal(Alice, call.Caller);
        Assert.Equal(486, dialogs[1].FinalStatus);
        Assert.Equal(dialogs[0].Id + 1, dialogs[1].Id);
    }

    [Fact]
    public void A_retransmitted_INVITE_opens_its_dialog_at_its_first_copy()
    {
        var flow = new SipFlow();
        var invite = Invite("call-r", Alice, "alice");
        long firstFrame = flow.Send(0, Alice, Pbx, invite);
        flow.Send(0.5, Alice, Pbx, invite);
        Assert.Equal(1, flow.Engine.LiveDialogs);
        flow.Finish(300);

        var dialog = Assert.Single(flow.Engine.Dialogs);
        Assert.Equal(firstFrame, dialog.InviteFrame.Frame);
        Assert.Equal(DialogOutcome.Unanswered, dialog.Outcome);
        Assert.Single(dialog.Sdp);
        Assert.Equal(2, Assert.Single(dialog.Transactions).RequestCount);
    }

    [Fact]
    public void A_cancelled_lone_INVITE_is_a_cancelled_call()
    {
        var flow = new SipFlow();
        var invite = Invite("call-x", Alice, "alice");
        flow.Send(0, Alice, Pbx, invite);
        var cancel = Request("CANCEL", "call-x", 1, "z9hG4bK-call-x", Alice, fromUri: "sip:alice@example", fromTag: "alice",
            toUri: "sip:bob@example");
        flow.Send(0.3, Alice, Pbx, cancel);
        flow.Finish(300);

        var dialog = Assert.Single(flow.Engine.Dialogs);
        Assert.Equal(DialogOutcome.Cancelled, dialog.Outcome);
        Assert.Equal(["INVITE", "CANCEL"], dialog.Transactions.Select(t => t.Method));
    }

    [Fact]
    public void A_lone_unanswered_INVITE_ends_as_an_unanswered_call_with_its_offer_and_no_live_state()
    {
        var flow = new SipFlow();
        long frame = flow.Send(0, Alice, Pbx, Invite("call-u", Alice, "alice"));
        flow.Finish(300);

        var dialog = Assert.Single(flow.Engine.Dialogs);
        Assert.Equal(DialogOutcome.Unanswered, dialog.Outcome);
        Assert.Equal(frame, dialog.InviteFrame.Frame);
        Assert.Equal(("offer", "caller", frame), (dialog.Sdp[0].Kind, dialog.Sdp[0].Party, dialog.Sdp[0].Frame.Frame));
        Assert.False(dialog.Evicted);
        Assert.Equal(1, flow.Engine.Statistics.DialogsByOutcome[DialogOutcome.Unanswered]);
        Assert.Equal(0, flow.Engine.LiveDialogs);
    }

    [Fact]
    public void A_second_leg_of_a_live_call_joins_its_dialog_at_once()
    {
        // A proxy at the capture point forwards the INVITE: same Call-ID and From tag, a new branch. The first leg
        // was answered with a 100, so its dialog is live and the forwarded copy belongs to it.
        var flow = new SipFlow();
        var leg1 = Invite("call-p", Alice, "alice");
        flow.Send(0, Alice, Pbx, leg1);
        flow.Send(0.01, Pbx, Alice, Response(leg1, 100));
        var leg2 = Request("INVITE", "call-p", 1, "z9hG4bK-leg2", Pbx, fromUri: "sip:alice@example", fromTag: "alice",
            toUri: "sip:bob@example");
        flow.Send(0.02, Pbx, "10.0.0.9:5060", leg2);
        flow.Finish(300);

        var dialog = Assert.Single(flow.Engine.Dialogs);
        Assert.Equal(2, dialog.Transactions.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Past_the_kept_dialogs_a_flood_of_lone_INVITEs_is_counted_the_same_and_every_dialog_reaches_a_listener(bool listening)
    {
        // Once the kept dialogs are full of routine ones, a lone INVITE's dialog is only counted unless someone
        // listens for completed dialogs; either way the counts are those of dialogs made and refused.
        var flow = new SipFlow(new SipEngineOptions { MaxRetainedDialogs = 100, MaxLiveScanLikeTransactions = 500 });
        int heard = 0;
        if (listening) flow.Engine.DialogCompleted += d => heard++;
        for (int i = 0; i < 5_000; i++) flow.SendFloodInvite(i, i / 1_000.0, Pbx);
        flow.Finish(300);

        var stats = flow.Engine.Statistics;
        Assert.Equal(5_000, stats.DialogsByOutcome[DialogOutcome.Unanswered]);
        Assert.Equal(100, flow.Engine.Dialogs.Count);
        Assert.Equal(4_900, stats.Evictions.DialogsNotRetained);
        Assert.Equal(["flood-0", "flood-1"], flow.Engine.Dialogs.Take(2).Select(d => d.CallId));
        Assert.Equal(listening ? 5_000 : 0, heard);
    }
}
