using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

public class TransactionTimerTests
{
    private const string Phone = "192.168.1.50:5060";
    private const string Pbx = "192.168.0.10:5060";

    private static SipMessage Options(string branch, long cseq = 1) => Request("OPTIONS", "opt-1", cseq, branch, Phone);

    [Fact]
    public void Response_within_32_s_is_answered_after_32_s_answered_late()
    {
        var flow = new SipFlow();
        var inTime = Options("z9hG4bK-t1");
        flow.Send(0, Phone, Pbx, inTime);
        flow.Send(31.9, Pbx, Phone, Response(inTime, 200));
        var late = Request("OPTIONS", "opt-2", 1, "z9hG4bK-t2", Phone);
        flow.Send(1, Phone, Pbx, late);
        flow.Send(1 + 32.1, Pbx, Phone, Response(late, 200));
        flow.Finish(300);

        Assert.Equal(TransactionOutcome.Answered, flow.Engine.Transactions.Single(t => t.CallId == "opt-1").Outcome);
        Assert.Equal(TransactionOutcome.AnsweredLate, flow.Engine.Transactions.Single(t => t.CallId == "opt-2").Outcome);
    }

    [Fact]
    public void Unanswered_transaction_completes_by_capture_time_and_frees_its_state()
    {
        var flow = new SipFlow();
        flow.Send(0, Phone, Pbx, Options("z9hG4bK-t3"));
        Assert.Equal(1, flow.Engine.LiveTransactions);
        flow.Engine.OnTime(T0 + 31 * Second);
        Assert.Empty(flow.Engine.Transactions);
        // Timer F (32 s) plus the linger for late answers: gone well before the capture ends.
        flow.Engine.OnTime(T0 + 65 * Second);
        var tx = Assert.Single(flow.Engine.Transactions);
        Assert.Equal(TransactionOutcome.Unanswered, tx.Outcome);
        Assert.False(tx.EndedByCaptureEnd);
        Assert.Equal(0, flow.Engine.LiveTransactions);
        Assert.Equal(1, flow.Engine.Statistics.TransactionsByOutcome[TransactionOutcome.Unanswered]);
    }

    [Fact]
    public void Provisional_only_non_INVITE_is_not_held_open_by_its_100()
    {
        var flow = new SipFlow();
        var req = Options("z9hG4bK-t4");
        flow.Send(0, Phone, Pbx, req);
        flow.Send(0.1, Pbx, Phone, Response(req, 100));
        flow.Engine.OnTime(T0 + 70 * Second);
        Assert.Equal(TransactionOutcome.ProvisionalOnly, Assert.Single(flow.Engine.Transactions).Outcome);
    }

    [Fact]
    public void Branch_reused_with_a_new_CSeq_is_a_new_transaction_not_a_retransmission()
    {
        var flow = new SipFlow();
        var a = Options("z9hG4bK-same", cseq: 1);
        flow.Send(0, Phone, Pbx, a);
        flow.Send(0.1, Pbx, Phone, Response(a, 200));
        var b = Options("z9hG4bK-same", cseq: 2);
        flow.Send(1, Phone, Pbx, b);
        flow.Send(1.1, Pbx, Phone, Response(b, 200));
        flow.Finish(100);

        Assert.Equal([1L, 2L], flow.Engine.Transactions.Select(t => t.CSeq));
        Assert.All(flow.Engine.Transactions, t => Assert.Equal(0, t.Retransmissions));
        Assert.Equal(1, flow.Engine.Statistics.Anomalies["branch-reused"].Count);
    }

    [Fact]
    public void RFC_2543_peer_without_branch_cookie_pairs_by_call_id_from_tag_and_cseq()
    {
        var flow = new SipFlow();
        // No branch at all: RFC 2543 matching on Call-ID, From tag, CSeq and top Via sent-by.
        var invite = Request("INVITE", "old-1", 10, null, "10.1.1.1:5060", fromTag: "f1");
        flow.Send(0, "10.1.1.1:5060", "10.1.1.2:5060", invite);
        flow.Send(0.5, "10.1.1.1:5060", "10.1.1.2:5060", invite);
        flow.Send(0.6, "10.1.1.2:5060", "10.1.1.1:5060", Response(invite, 200, "t1"));
        var ack = Request("ACK", "old-1", 10, null, "10.1.1.1:5060", fromTag: "f1", toTag: "t1");
        flow.Send(0.7, "10.1.1.1:5060", "10.1.1.2:5060", ack);
        // Another request with a non-cookie branch and the same CSeq but another Call-ID stays separate.
        var other = Request("INVITE", "old-2", 10, "abc", "10.1.1.1:5060", fromTag: "f1");
        flow.Send(1, "10.1.1.1:5060", "10.1.1.2:5060", other);
        flow.Send(1.1, "10.1.1.2:5060", "10.1.1.1:5060", Response(other, 486, "t2"));
        flow.Finish(100);

        var txs = flow.Engine.Transactions;
        Assert.Equal(2, txs.Count);
        Assert.All(txs, t => Assert.True(t.Rfc2543));
        Assert.Equal(1, txs[0].Retransmissions);
        Assert.Equal(200, txs[0].FinalStatus);
        Assert.Single(txs[0].AckFrames);
        Assert.Equal(486, txs[1].FinalStatus);
        Assert.DoesNotContain("response-without-request", flow.Engine.Statistics.Anomalies.Keys);
        Assert.Equal(2, flow.Engine.Statistics.Anomalies["via-without-magic-cookie"].Count);
    }

    [Fact]
    public void RFC_2543_sent_by_keeps_ports_of_one_host_apart_and_pairs_case_variants_of_it()
    {
        // Two RFC 2543 user agents on one host (one host string, ports 5060 and 5070) send the same Call-ID, From tag
        // and CSeq, interleaved: the sent-by alone tells their transactions apart, message after message. The
        // responses spell the host in capitals (another string): they still pair, each with its own port's request.
        var flow = new SipFlow();
        string host = "pc.example";
        SipMessage From(int port)
        {
            var m = Request("OPTIONS", "same-call", 1, null, $"x:{port}", fromTag: "f");
            m.Vias[0].Host = host;
            return m;
        }
        var a = From(5060);
        var b = From(5070);
        flow.Send(0, "10.1.1.1:5060", "10.1.1.2:5060", a);
        flow.Send(0.1, "10.1.1.1:5070", "10.1.1.2:5060", b);
        flow.Send(0.2, "10.1.1.1:5060", "10.1.1.2:5060", a);
        SipMessage Answer(SipMessage request, int status)
        {
            var response = Response(request, status, "t");
            response.Vias.Clear();
            response.Vias.Add(new SipVia { Transport = "UDP", Host = "PC.EXAMPLE", Port = request.Vias[0].Port });
            return response;
        }
        flow.Send(0.3, "10.1.1.2:5060", "10.1.1.1:5070", Answer(b, 486));
        flow.Send(0.4, "10.1.1.2:5060", "10.1.1.1:5060", Answer(a, 200));
        flow.Finish(100);

        var txs = flow.Engine.Transactions;
        Assert.Equal(2, txs.Count);
        Assert.Equal([(200, 1), (486, 0)], txs.OrderBy(t => t.FinalStatus).Select(t => (t.FinalStatus ?? 0, t.Retransmissions)));
        Assert.DoesNotContain("response-without-request", flow.Engine.Statistics.Anomalies.Keys);
    }

    [Fact]
    public void Sent_by_compares_host_case_insensitively_with_the_default_port()
    {
        var flow = new SipFlow();
        var req = Request("OPTIONS", "case-1", 1, "z9hG4bK-c", "PBX.Example:5060");
        flow.Send(0, Phone, Pbx, req);
        var resp = Response(req, 200);
        resp.Vias.Clear();
        resp.Vias.Add(new SipVia { Transport = "UDP", Host = "pbx.example", Port = null, Branch = "z9hG4bK-c" });
        flow.Send(0.1, Pbx, Phone, resp);
        flow.Finish(100);
        Assert.Equal(200, Assert.Single(flow.Engine.Transactions).FinalStatus);
    }
}
