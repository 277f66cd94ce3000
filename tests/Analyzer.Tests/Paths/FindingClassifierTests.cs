using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

/// <summary>The path rules on hand-built facts: every kind, and every way of showing nothing wrong.</summary>
public class FindingClassifierTests
{
    // A REGISTER answered through the next hop it came from, and the client acted on the answer.
    private static readonly TransactionPathFacts Healthy = new(
        HasFinalResponse: true, IsRegister: true, RequestSeen: true, AnyResponse: true, TimedOut: false,
        Symmetric: true, AgainstTopology: false, ExpectedHopKnown: false, Delivery: ResponseDelivery.Delivered);

    private static readonly TransactionPathFacts Unanswered = Healthy with
    {
        HasFinalResponse = false, AnyResponse = false, TimedOut = true, Delivery = ResponseDelivery.NoResponse,
    };

    public static TheoryData<string, TransactionPathFacts, FindingKind?> Transactions() => new()
    {
        { "answered the way it came", Healthy, null },
        { "answered, delivery unknown", Healthy with { Delivery = ResponseDelivery.Unknown }, null },
        { "other hop, not delivered", Healthy with { Symmetric = false, Delivery = ResponseDelivery.NotDelivered }, FindingKind.ResponseWrongGateway },
        { "other hop, delivered", Healthy with { Symmetric = false }, FindingKind.AsymmetricPath },
        { "other hop, delivery unknown", Healthy with { Symmetric = false, Delivery = ResponseDelivery.Unknown }, FindingKind.AsymmetricPath },
        { "same hop, not delivered", Healthy with { Delivery = ResponseDelivery.NotDelivered }, FindingKind.ResponseLost },
        { "sent to the Via's port past a NAT, not delivered", Healthy with { RepliedElsewhere = true, Delivery = ResponseDelivery.NotDelivered }, FindingKind.ResponseWrongPort },
        { "sent to the Via's port past a NAT and another hop, not delivered", Healthy with { RepliedElsewhere = true, Symmetric = false, Delivery = ResponseDelivery.NotDelivered }, FindingKind.ResponseWrongPort },
        { "sent to the Via's port past a NAT, delivered", Healthy with { RepliedElsewhere = true }, null },
        { "sent to the Via's port past a NAT, delivery unknown", Healthy with { RepliedElsewhere = true, Delivery = ResponseDelivery.Unknown }, null },
        { "from another address than the request went to, not delivered", Healthy with { RepliedFromElsewhere = true, Delivery = ResponseDelivery.NotDelivered }, FindingKind.ResponseWrongSource },
        { "from another address than the request went to, delivered", Healthy with { RepliedFromElsewhere = true }, null },
        { "against the topology, not delivered", Healthy with { AgainstTopology = true, ExpectedHopKnown = true, Delivery = ResponseDelivery.NotDelivered }, FindingKind.ResponseWrongGateway },
        { "against the topology, delivered", Healthy with { AgainstTopology = true, ExpectedHopKnown = true }, null },
        { "declared gateway, other hop than the request, lost", Healthy with { Symmetric = false, ExpectedHopKnown = true, Delivery = ResponseDelivery.NotDelivered }, FindingKind.ResponseLost },
        { "register unanswered past timer F", Unanswered, FindingKind.RegisterUnanswered },
        { "register unanswered, not yet timed out", Unanswered with { TimedOut = false }, null },
        { "register with only a provisional", Unanswered with { AnyResponse = true }, null },
        { "unanswered, request not captured", Unanswered with { RequestSeen = false }, null },
        { "INVITE unanswered past timer B", Unanswered with { IsRegister = false, IsInvite = true }, FindingKind.InviteUnanswered },
        { "INVITE sent once over UDP, capture past timer B", Unanswered with { IsRegister = false, IsInvite = true, SentOnceOverUdp = true }, null },
        { "forked INVITE branch nobody answered, the call answered on another", Unanswered with { IsRegister = false, IsInvite = true, CallAnsweredElsewhere = true }, null },
        { "INVITE with only 100 Trying", Unanswered with { IsRegister = false, IsInvite = true, AnyResponse = true }, null },
        { "INVITE unanswered, not yet timed out", Unanswered with { IsRegister = false, IsInvite = true, TimedOut = false }, null },
        // A keepalive to a host that is gone (OPTIONS, NOTIFY) is no failed registration or call.
        { "unanswered OPTIONS", Unanswered with { IsRegister = false }, null },
    };

    [Theory]
    [MemberData(nameof(Transactions))]
    public void A_transaction_s_path_gives_its_kind(string situation, TransactionPathFacts facts, FindingKind? expected) =>
        Assert.True(expected == FindingClassifier.Classify(facts), $"{situation}: {FindingClassifier.Classify(facts)}");

    public static TheoryData<string, HandshakeFacts, FindingKind?> Handshakes() => new()
    {
        { "no SYN-ACK seen", new(SynAckCount: 0, Asymmetric: false, Completed: false, Reset: false, SynsAfterSynAck: 3), null },
        { "SYN answered by the server's reset", new(SynAckCount: 0, Asymmetric: false, Completed: false, Reset: true, SynsAfterSynAck: 0, RefusedByServer: true), FindingKind.ConnectionRefused },
        { "SYN, then the client's own reset", new(SynAckCount: 0, Asymmetric: false, Completed: false, Reset: true, SynsAfterSynAck: 0), null },
        { "completed the way it came", new(1, false, true, false, 0), null },
        { "SYN-ACK elsewhere, never completed", new(2, true, false, false, 3), FindingKind.SynAckWrongGateway },
        { "SYN-ACK elsewhere, completed", new(1, true, true, false, 0), FindingKind.AsymmetricPath },
        { "SYN-ACK the same way, SYN repeated", new(1, false, false, false, 2), FindingKind.ResponseLost },
        { "SYN-ACK the same way, then reset", new(1, false, false, true, 2), null },
        { "SYN-ACK the same way, capture ended", new(1, false, false, false, 0), null },
    };

    [Theory]
    [MemberData(nameof(Handshakes))]
    public void A_handshake_gives_its_kind(string situation, HandshakeFacts facts, FindingKind? expected) =>
        Assert.True(expected == FindingClassifier.Classify(facts), $"{situation}: {FindingClassifier.Classify(facts)}");

    [Fact]
    public void Only_a_rejected_registration_and_an_icmp_error_are_findings_of_their_own()
    {
        Assert.Equal(FindingKind.RegistrationRejected, FindingClassifier.ClassifyRegistration(RegistrationOutcome.Rejected));
        foreach (var outcome in new RegistrationOutcome?[] { RegistrationOutcome.Registered, RegistrationOutcome.Unanswered, RegistrationOutcome.AuthUnanswered,
                                        RegistrationOutcome.Challenged, RegistrationOutcome.Deregistered, RegistrationOutcome.Other, RegistrationOutcome.Evicted, null })
            Assert.Null(FindingClassifier.ClassifyRegistration(outcome));
        Assert.Equal(FindingKind.IcmpError, FindingClassifier.ClassifyIcmp(1));
        Assert.Null(FindingClassifier.ClassifyIcmp(0));
    }

    [Fact]
    public void An_asymmetric_path_gives_way_to_a_wrong_gateway_of_the_same_client_only()
    {
        Assert.True(FindingClassifier.IsSuperseded(FindingKind.AsymmetricPath, k => k == FindingKind.ResponseWrongGateway));
        Assert.True(FindingClassifier.IsSuperseded(FindingKind.AsymmetricPath, k => k == FindingKind.SynAckWrongGateway));
        Assert.False(FindingClassifier.IsSuperseded(FindingKind.AsymmetricPath, k => k == FindingKind.ResponseLost));
        Assert.False(FindingClassifier.IsSuperseded(FindingKind.ResponseWrongGateway, _ => true));
    }

    [Fact]
    public void Severity_follows_the_kind_and_icmp_errors_are_errors_only_when_packets_were_dropped()
    {
        Assert.Equal(Severity.Error, FindingClassifier.SeverityOf(FindingKind.ResponseWrongGateway));
        Assert.Equal(Severity.Warning, FindingClassifier.SeverityOf(FindingKind.AsymmetricPath));
        Assert.Equal(Severity.Info, FindingClassifier.SeverityOf(FindingKind.RegistrationRejected));
        Assert.Equal(Severity.Error, FindingClassifier.SeverityOf(FindingKind.IcmpError, icmpDropped: true));
        Assert.Equal(Severity.Warning, FindingClassifier.SeverityOf(FindingKind.IcmpError, icmpDropped: false));
        Assert.True(FindingClassifier.Drops(IcmpErrorKind.Unreachable));
        Assert.False(FindingClassifier.Drops(IcmpErrorKind.Redirect));
        Assert.Throws<ArgumentOutOfRangeException>(() => FindingClassifier.SeverityOf(FindingKind.RtpLoss));
    }
}
