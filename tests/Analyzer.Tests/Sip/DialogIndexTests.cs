using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// The lookups an in-dialog ACK and a forked response make are indexed, with the answers the walks over every
/// transaction and every callee tag gave.
/// </summary>
public class DialogIndexTests
{
    [Fact]
    public void AnAckFindsTheLatestInviteOfItsCSeqFromItsClientElseTheLatestOfItsCSeq()
    {
        var invites = new DialogInvites();
        var first = Invite(1, "10.0.0.1:5060");
        var legA = Invite(2, "10.0.0.1:5060");
        var legB = Invite(2, "10.0.0.9:5060");
        invites.Add(first);
        invites.Add(legA);
        invites.Add(legB);

        Assert.Same(first, invites.Acknowledged(1, "10.0.0.1:5060"));
        Assert.Same(legA, invites.Acknowledged(2, "10.0.0.1:5060"));
        Assert.Same(legB, invites.Acknowledged(2, "10.0.0.7:5060"));
        Assert.Null(invites.Acknowledged(3, "10.0.0.1:5060"));
    }

    [Fact]
    public void ManyInvitesInOneDialogStayFindableByCSeq()
    {
        var invites = new DialogInvites();
        for (long cseq = 1; cseq <= 3000; cseq++) invites.Add(Invite(cseq, "10.0.0.1:5060"));
        Assert.Equal(1, invites.Acknowledged(1, "10.0.0.1:5060")!.CSeq);
        Assert.Equal(3000, invites.Acknowledged(3000, "10.0.0.1:5060")!.CSeq);
    }

    [Fact]
    public void CalleeTagsPastTheListedFewAreStillKnownAndKeptInOrder()
    {
        var dialog = new Dialog();
        for (int i = 0; i < 100; i++) dialog.AddCalleeTag("tag" + i);
        Assert.True(dialog.HasCalleeTag("tag3"));
        Assert.True(dialog.HasCalleeTag("tag99"));
        Assert.False(dialog.HasCalleeTag("tag100"));
        Assert.Equal("tag42", dialog.CalleeTags[42]);
    }

    private static Transaction Invite(long cseq, string client) => new() { Method = "INVITE", CSeq = cseq, Client = client };
}
