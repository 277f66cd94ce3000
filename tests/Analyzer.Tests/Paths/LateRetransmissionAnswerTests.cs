using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Protocols.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.PathScenario;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>
/// A 400 Bad Request to a late copy of a REGISTER whose 401 was lost is evidence of the lost 401, not of a
/// malformed request; a 400 that answers a first request, or a copy whose first answer did arrive, is not.
/// Hand-written PBX uplink: requests come in from router 1, the PBX sends its answers to the next hop its routes name.
/// </summary>
public class LateRetransmissionAnswerTests
{
    private const string Pbx = "0a:00:00:00:00:0a", Router = "0a:00:00:00:00:01", Wrong = "0a:00:00:00:00:fe";
    private const string PbxAt = "10.20.0.5:5060", Phone = "172.16.9.7:5060";

    // The phone's copies at timer E (0.5, 1, 2, 4, 4 … s) until timer F; the PBX answers the copies within
    // `transactionSeconds` of the first with `first`, later ones with `late` (null: it answers every copy the same).
    private static PathAnalysisResult Retransmitting(string answerHop, int first, string firstReason, int? late, double transactionSeconds = 5)
    {
        var s = new PathScenario();
        s.Packet(0, TestFrames.Arp(Router, "10.20.0.1", "10.20.0.5", operation: 2));
        s.Packet(0, TestFrames.Arp(Wrong, "10.20.0.254", "10.20.0.5", operation: 2));
        var register = Register(Phone, 1, "z9hG4bK-late");
        double at = 1, interval = 0.5;
        while (at - 1 <= 27.5) // 1 + 9 copies, the last at 27.5 s
        {
            s.Send(at, Router, Pbx, Phone, PbxAt, register, ttl: 62);
            bool ended = at - 1 > transactionSeconds && late is not null;
            s.Send(at + 0.001, Pbx, answerHop, PbxAt, Phone,
                ended ? Response(register, late!.Value, "Bad Request") : Response(register, first, firstReason, first == 401 ? "n1" : null));
            at += interval;
            interval = Math.Min(interval * 2, 4);
        }
        return s.Analyze();
    }

    [Theory]
    [InlineData(401, "Unauthorized")] // the challenge lost: the field case
    [InlineData(200, "OK")]           // the answer to the credentials lost
    public void A_400_to_copies_after_a_lost_answer_is_found_and_folded_into_the_routing_cause(int first, string reason)
    {
        var result = Retransmitting(Wrong, first, reason, late: 400);

        var answer = Assert.Single(LateRetransmissionAnswer.Find(result.Paths));
        Assert.Equal(first, answer.First.Status);
        Assert.Equal(400, answer.Late.Status);
        Assert.Equal(6, answer.Count); // copies at 7.5, 11.5 … 27.5 s after the first
        Assert.InRange(answer.AfterFirstNs, 7_499_000_000L, 7_501_000_000L);

        var findings = result.Findings.ToList();
        var cause = Assert.Single(CauseBuilder.Build(findings, result.Paths, null));
        Assert.Equal(CauseKind.WrongGatewayRoute, cause.Kind);
        var late = Assert.IsType<LateAnswerEvidence>(cause.LateAnswers);
        Assert.Equal(6, late.Count);
        Assert.Equal(1, late.Transactions);
        Assert.Equal(["400 Bad Request"], late.Statuses);
        Assert.Equal([$"{first} {reason}"], late.LostAnswers);
        Assert.Equal(answer.Late.Frames, late.Frames);
        Assert.Contains("not from a malformed request", late.Explanation);
        var finding = Assert.Single(findings);
        Assert.Equal(FindingKind.ResponseWrongGateway, finding.Kind);
        Assert.Contains($"answered 6 × 400 Bad Request (from 7.5 s after the {first} on", finding.Explanation);
        Assert.Contains($"They follow from the lost {first}, not from a malformed request", finding.Explanation);
    }

    [Fact]
    public void A_400_that_answers_the_first_request_is_not_a_late_answer()
    {
        // Every copy gets the 400, the first one included: it is the server's answer to the request itself.
        var result = Retransmitting(Wrong, 400, "Bad Request", late: null);

        Assert.Empty(LateRetransmissionAnswer.Find(result.Paths));
        var findings = result.Findings.ToList();
        Assert.All(CauseBuilder.Build(findings, result.Paths, null), c => Assert.Null(c.LateAnswers));
        Assert.DoesNotContain(findings, f => f.Explanation.Contains("malformed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_400_to_a_copy_that_crossed_a_delivered_401_is_not_a_late_answer()
    {
        var s = new PathScenario();
        s.Packet(0, TestFrames.Arp(Router, "10.20.0.1", "10.20.0.5", operation: 2));
        var register = Register(Phone, 1, "z9hG4bK-crossed");
        s.Send(1, Router, Pbx, Phone, PbxAt, register, ttl: 62);
        s.Send(1.001, Pbx, Router, PbxAt, Phone, Response(register, 401, "Unauthorized", "n1"));
        s.Send(1.5, Router, Pbx, Phone, PbxAt, register, ttl: 62); // sent before the 401 arrived
        s.Send(1.501, Pbx, Router, PbxAt, Phone, Response(register, 400, "Bad Request"));
        // The phone answers the 401's nonce: it got the 401.
        var credentials = new SipCredentials { Username = "1001", Realm = "pbx", Nonce = "n1", Response = "0123456789abcdef" };
        var authenticated = Register(Phone, 2, "z9hG4bK-auth", credentials);
        s.Send(1.6, Router, Pbx, Phone, PbxAt, authenticated, ttl: 62);
        s.Send(1.601, Pbx, Router, PbxAt, Phone, Response(authenticated, 200, "OK"));
        var result = s.Analyze();

        var first = Assert.Single(result.Paths, p => p.Transaction.CSeq == 1);
        Assert.Equal(ResponseDelivery.Delivered, first.Delivery);
        Assert.NotNull(first.Transaction.ResponsesWithStatus(400));
        Assert.Empty(LateRetransmissionAnswer.Find(result.Paths));
    }
}
