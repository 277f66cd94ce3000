using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// A forked INVITE's early branches (18x with To tags of their own): a dialog indexes the tags of its first
/// <see cref="SipEngineOptions.MaxCalleeTagsPerDialog"/> branches and only counts the rest, and the call is still
/// followed when the branch that answers is one of those only counted.
/// </summary>
public class ForkedBranchTests
{
    private const string Alice = "10.0.0.1:5060";
    private const string Proxy = "10.0.0.2:5060";

    [Fact]
    public void A_branch_past_the_indexed_ones_answers_and_hangs_up_within_the_same_dialog()
    {
        var flow = new SipFlow();
        int cap = flow.Engine.Options.MaxCalleeTagsPerDialog;
        var invite = Request("INVITE", "fork-call", 1, "z9hG4bK-fork", Alice, fromUri: "sip:alice@example", fromTag: "atag",
            toUri: "sip:group@example");
        flow.Send(0, Alice, Proxy, invite);
        for (int i = 0; i < cap + 100; i++) flow.Send(0.1 + i * 0.001, Proxy, Alice, Response(invite, 180, "fork" + i));
        // A repeated 180 of an indexed branch is not a new tag, so it is not counted.
        flow.Send(0.5, Proxy, Alice, Response(invite, 180, "fork3"));
        string late = "fork" + (cap + 50);
        flow.Send(2, Proxy, Alice, Response(invite, 200, late));
        flow.Send(2.05, Alice, Proxy, Request("ACK", "fork-call", 1, "z9hG4bK-ack", Alice, fromUri: "sip:alice@example",
            fromTag: "atag", toUri: "sip:group@example", toTag: late));
        var bye = Request("BYE", "fork-call", 9, "z9hG4bK-bye", Proxy, fromUri: "sip:group@example", fromTag: late,
            toUri: "sip:alice@example", toTag: "atag");
        flow.Send(30, Proxy, Alice, bye);
        flow.Send(30.01, Alice, Proxy, Response(bye, 200));
        flow.Finish(120);

        var engine = flow.Engine;
        var dialog = Assert.Single(engine.Dialogs);
        Assert.Equal(DialogOutcome.Answered, dialog.Outcome);
        Assert.Equal(DialogState.Terminated, dialog.State);
        Assert.Equal(late, dialog.CalleeTag);
        Assert.Equal("callee", dialog.HungUpBy);
        Assert.Single(dialog.AckFrames);
        Assert.Equal(2, dialog.TransactionCount);
        // The indexed branches in order, then the answering one, which is indexed past the cap.
        Assert.Equal(cap + 1, dialog.CalleeTags.Count);
        Assert.Equal("fork0", dialog.CalleeTags[0]);
        Assert.Equal(late, dialog.CalleeTags[^1]);
        Assert.Equal(100, engine.Statistics.Evictions.DialogTagsNotIndexed);
        Assert.Empty(engine.Statistics.Anomalies);
    }

    [Fact]
    public void A_request_from_an_unindexed_branch_finds_the_dialog_by_the_callers_tag()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxCalleeTagsPerDialog = 2 });
        var invite = Request("INVITE", "fork-call", 1, "z9hG4bK-fork", Alice, fromUri: "sip:alice@example", fromTag: "atag",
            toUri: "sip:group@example");
        flow.Send(0, Alice, Proxy, invite);
        for (int i = 0; i < 5; i++) flow.Send(0.1 + i * 0.01, Proxy, Alice, Response(invite, 183, "b" + i));
        // An UPDATE from the fifth branch (its tag only counted) during the early dialog.
        var update = Request("UPDATE", "fork-call", 20, "z9hG4bK-upd", Proxy, fromUri: "sip:group@example", fromTag: "b4",
            toUri: "sip:alice@example", toTag: "atag");
        flow.Send(1, Proxy, Alice, update);
        flow.Send(1.01, Alice, Proxy, Response(update, 200));
        flow.Send(3, Proxy, Alice, Response(invite, 486, "b4"));
        flow.Finish(120);

        var dialog = Assert.Single(flow.Engine.Dialogs);
        Assert.Equal(["b0", "b1"], dialog.CalleeTags);
        Assert.Equal(3, flow.Engine.Statistics.Evictions.DialogTagsNotIndexed);
        Assert.Contains(dialog.Transactions, t => t.Method == "UPDATE");
        Assert.Equal(DialogOutcome.Rejected, dialog.Outcome);
    }
}
