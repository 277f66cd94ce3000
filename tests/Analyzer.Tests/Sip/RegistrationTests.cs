using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

public class RegistrationTests
{
    private const string Phone = "192.168.1.50:5060";
    private const string Pbx = "192.168.0.10:5060";
    private const string CallId = "reg-1@192.168.1.50";

    // RFC 3261 timer E for a non-INVITE over UDP: 0.5, 1, 2, 4, 4, … s apart; timer F gives up at 32 s.
    private static readonly double[] TimerE = [0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5];

    private static SipMessage Register(long cseq, string branch, bool credentials = false, int? expires = 3600)
    {
        var m = Request("REGISTER", CallId, cseq, branch, Phone);
        WithContact(m, "sip:201@192.168.1.50:5060", null);
        m.Expires = expires;
        return credentials ? WithCredentials(m) : m;
    }

    [Fact]
    public void Challenge_then_200_is_registered_with_the_granted_expiry()
    {
        var flow = new SipFlow();
        var r1 = Register(1, "z9hG4bK-a1");
        flow.Send(0, Phone, Pbx, r1);
        flow.Send(0.05, Pbx, Phone, Challenge(r1));
        var r2 = Register(2, "z9hG4bK-a2", credentials: true);
        flow.Send(0.10, Phone, Pbx, r2);
        var ok = WithContact(Response(r2, 200, "srvtag"), "sip:201@192.168.1.50:5060", 1800);
        flow.Send(0.15, Pbx, Phone, ok);
        flow.Finish(100);

        var reg = Assert.Single(flow.Engine.Registrations);
        Assert.Equal(RegistrationOutcome.Registered, reg.Outcome);
        Assert.Equal(200, reg.FinalStatus);
        Assert.Equal(1800, reg.GrantedExpires);
        Assert.Equal("201", reg.Username);
        Assert.Equal("pbx.example", reg.Realm);
        Assert.Equal("sip:201@pbx.example", reg.Aor);
        Assert.Equal(Phone, reg.Client);
        Assert.Equal(Pbx, reg.Server);
        Assert.Equal([false, true], reg.Steps.Select(s => s.WithCredentials));
        Assert.Equal([401, 200], reg.Steps.Select(s => s.FinalStatus ?? 0));
        Assert.All(flow.Engine.Transactions, t => Assert.Equal(TransactionOutcome.Answered, t.Outcome));
        Assert.All(flow.Engine.Transactions, t => Assert.Equal(0, t.Retransmissions));
        Assert.Equal(50.0, flow.Engine.Transactions[0].ResponseTimeMs!.Value, 3);
    }

    [Fact]
    public void Challenge_then_403_is_rejected()
    {
        var flow = new SipFlow();
        var r1 = Register(1, "z9hG4bK-b1");
        flow.Send(0, Phone, Pbx, r1);
        flow.Send(0.05, Pbx, Phone, Challenge(r1));
        var r2 = Register(2, "z9hG4bK-b2", credentials: true);
        flow.Send(0.10, Phone, Pbx, r2);
        flow.Send(0.15, Pbx, Phone, Response(r2, 403, "srvtag"));
        flow.Finish(100);

        var reg = Assert.Single(flow.Engine.Registrations);
        Assert.Equal(RegistrationOutcome.Rejected, reg.Outcome);
        Assert.Equal(403, reg.FinalStatus);
        Assert.Equal(1, flow.Engine.Statistics.RegistrationsByOutcome[RegistrationOutcome.Rejected]);
    }

    [Fact]
    public void Client_retransmitting_on_timer_E_and_giving_up_is_unanswered_with_ten_retransmissions()
    {
        var flow = new SipFlow();
        var r1 = Register(1, "z9hG4bK-c1");
        foreach (double t in TimerE) flow.Send(t, Phone, Pbx, r1);
        flow.Finish(120);

        var reg = Assert.Single(flow.Engine.Registrations);
        Assert.Equal(RegistrationOutcome.Unanswered, reg.Outcome);
        Assert.Null(reg.FinalStatus);
        var tx = Assert.Single(flow.Engine.Transactions);
        Assert.Equal(TransactionOutcome.Unanswered, tx.Outcome);
        Assert.Equal(10, tx.Retransmissions);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), tx.RequestFrames.Select(f => f.Frame));
        Assert.Null(tx.FinalStatus);
        Assert.Null(tx.ResponseTimeMs);
        Assert.False(tx.EndedByCaptureEnd);
        Assert.Equal(10, reg.Steps[0].Retransmissions);
        Assert.Equal([500.0, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000], tx.RequestIntervalsMs);
        // tshark marks the same 10 copies as resent.
        Assert.Equal(10, flow.Engine.Statistics.Retransmissions);
        Assert.Equal(11, flow.Engine.Statistics.Requests["REGISTER"]);
    }

    [Fact]
    public void Challenged_then_silent_is_auth_unanswered()
    {
        var flow = new SipFlow();
        var r1 = Register(1, "z9hG4bK-d1");
        flow.Send(0, Phone, Pbx, r1);
        flow.Send(0.05, Pbx, Phone, Challenge(r1));
        var r2 = Register(2, "z9hG4bK-d2", credentials: true);
        foreach (double t in TimerE) flow.Send(0.1 + t, Phone, Pbx, r2);
        flow.Finish(200);

        var reg = Assert.Single(flow.Engine.Registrations);
        Assert.Equal(RegistrationOutcome.AuthUnanswered, reg.Outcome);
        Assert.Equal(401, reg.FinalStatus);
        Assert.Equal(2, reg.Steps.Count);
        Assert.Equal(10, reg.Steps[1].Retransmissions);
        Assert.Equal(TransactionOutcome.Unanswered, reg.Steps[1].Outcome);
        Assert.Equal(TransactionOutcome.Answered, reg.Steps[0].Outcome);
    }

    [Fact]
    public void Second_401_to_credentials_without_stale_is_rejected()
    {
        var flow = new SipFlow();
        var r1 = Register(1, "z9hG4bK-e1");
        flow.Send(0, Phone, Pbx, r1);
        flow.Send(0.05, Pbx, Phone, Challenge(r1));
        var r2 = Register(2, "z9hG4bK-e2", credentials: true);
        flow.Send(0.10, Phone, Pbx, r2);
        flow.Send(0.15, Pbx, Phone, Challenge(r2, stale: false));
        flow.Finish(100);

        var reg = Assert.Single(flow.Engine.Registrations);
        Assert.Equal(RegistrationOutcome.Rejected, reg.Outcome);
        Assert.Equal(401, reg.FinalStatus);
        Assert.False(reg.Steps[1].Stale);
    }

    [Fact]
    public void Second_401_with_stale_true_is_not_a_rejection_and_the_retry_registers()
    {
        var flow = new SipFlow();
        var r1 = Register(1, "z9hG4bK-f1");
        flow.Send(0, Phone, Pbx, r1);
        flow.Send(0.05, Pbx, Phone, Challenge(r1));
        var r2 = Register(2, "z9hG4bK-f2", credentials: true);
        flow.Send(0.10, Phone, Pbx, r2);
        flow.Send(0.15, Pbx, Phone, Challenge(r2, stale: true));
        var r3 = Register(3, "z9hG4bK-f3", credentials: true);
        flow.Send(0.20, Phone, Pbx, r3);
        flow.Send(0.25, Pbx, Phone, Response(r3, 200, "srvtag"));
        flow.Finish(100);

        var reg = Assert.Single(flow.Engine.Registrations);
        Assert.Equal(RegistrationOutcome.Registered, reg.Outcome);
        Assert.Equal(3, reg.Steps.Count);
        Assert.True(reg.Steps[1].Stale);
        Assert.Equal(3600, reg.GrantedExpires); // no expiry in the 200: the requested one applies
    }

    [Fact]
    public void Stale_challenge_never_answered_is_challenged_not_rejected()
    {
        var flow = new SipFlow();
        var r1 = Register(1, "z9hG4bK-g1");
        flow.Send(0, Phone, Pbx, r1);
        flow.Send(0.05, Pbx, Phone, Challenge(r1));
        var r2 = Register(2, "z9hG4bK-g2", credentials: true);
        flow.Send(0.10, Phone, Pbx, r2);
        flow.Send(0.15, Pbx, Phone, Challenge(r2, stale: true));
        flow.Finish(100);

        Assert.Equal(RegistrationOutcome.Challenged, Assert.Single(flow.Engine.Registrations).Outcome);
    }

    [Fact]
    public void Challenge_that_never_reached_the_client_shows_retransmissions_after_the_final_response()
    {
        var flow = new SipFlow();
        var r1 = Register(1, "z9hG4bK-h1");
        flow.Send(0, Phone, Pbx, r1);
        // Every copy is answered, but the client keeps retransmitting: the 401s do not reach it.
        foreach (double t in TimerE)
        {
            if (t > 0) flow.Send(t, Phone, Pbx, r1);
            flow.Send(t + 0.01, Pbx, Phone, Challenge(r1));
        }
        flow.Finish(200);

        var reg = Assert.Single(flow.Engine.Registrations);
        Assert.Equal(RegistrationOutcome.Challenged, reg.Outcome);
        var tx = Assert.Single(flow.Engine.Transactions);
        Assert.Equal(10, tx.Retransmissions);
        Assert.Equal(10, tx.RetransmissionsAfterFinal);
        Assert.Equal(10, tx.ResponseRetransmissions);
        Assert.Equal(11, tx.Responses.Single().Count);
        Assert.Equal(TransactionOutcome.Answered, tx.Outcome);
    }

    [Fact]
    public void Expires_zero_and_contact_star_are_deregistrations()
    {
        var flow = new SipFlow();
        var r1 = Register(1, "z9hG4bK-i1", credentials: true, expires: 0);
        flow.Send(0, Phone, Pbx, r1);
        flow.Send(0.05, Pbx, Phone, Response(r1, 200, "srvtag"));
        var r2 = Request("REGISTER", "other-call", 1, "z9hG4bK-i2", Phone);
        r2.ContactWildcard = true;
        r2.Expires = 0;
        flow.Send(1, Phone, Pbx, r2);
        flow.Send(1.05, Pbx, Phone, Response(r2, 200, "srvtag"));
        flow.Finish(100);

        Assert.Equal(2, flow.Engine.Registrations.Count);
        Assert.All(flow.Engine.Registrations, r => Assert.Equal(RegistrationOutcome.Deregistered, r.Outcome));
        Assert.Equal("*", flow.Engine.Registrations[1].Contact);
    }

    [Fact]
    public void Refresh_on_the_same_call_id_is_a_new_attempt_with_its_interval()
    {
        var flow = new SipFlow();
        var r1 = Register(1, "z9hG4bK-j1", expires: 60);
        flow.Send(0, Phone, Pbx, r1);
        flow.Send(0.05, Pbx, Phone, Response(r1, 200, "srvtag"));
        var r2 = Register(2, "z9hG4bK-j2", expires: 60);
        flow.Send(50, Phone, Pbx, r2);
        flow.Send(50.05, Pbx, Phone, Response(r2, 200, "srvtag"));
        var r3 = Register(3, "z9hG4bK-j3", expires: 60);
        flow.Send(200, Phone, Pbx, r3); // after the 60 s binding ran out
        flow.Finish(300);

        var regs = flow.Engine.Registrations;
        Assert.Equal(3, regs.Count);
        Assert.Null(regs[0].SincePreviousMs);
        Assert.Equal(50_000, regs[1].SincePreviousMs!.Value, 3);
        Assert.False(regs[1].BindingLapsed);
        Assert.True(regs[2].BindingLapsed);
        Assert.Equal([RegistrationOutcome.Registered, RegistrationOutcome.Registered, RegistrationOutcome.Unanswered],
            regs.Select(r => r.Outcome));
        Assert.True(regs[2].EndedByCaptureEnd == false);
    }

    [Fact]
    public void Request_cut_by_the_end_of_the_capture_is_unanswered_and_flagged()
    {
        var flow = new SipFlow();
        flow.Send(0, Phone, Pbx, Register(1, "z9hG4bK-k1"));
        flow.Finish(5);

        var tx = Assert.Single(flow.Engine.Transactions);
        Assert.Equal(TransactionOutcome.Unanswered, tx.Outcome);
        Assert.True(tx.EndedByCaptureEnd);
        var reg = Assert.Single(flow.Engine.Registrations);
        Assert.Equal(RegistrationOutcome.Unanswered, reg.Outcome);
        Assert.True(reg.EndedByCaptureEnd);
    }
}
