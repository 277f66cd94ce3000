using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Findings;

/// <summary>The wire-name tables: one distinct, stable name per member, and the way back from the name.</summary>
public class FindingKindsTests
{
    [Fact]
    public void Every_finding_kind_has_its_own_lowercase_hyphenated_name_that_parses_back()
    {
        var names = FindingKinds.All.Select(FindingKinds.WireName).ToList();
        Assert.Equal(Enum.GetValues<FindingKind>().Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(-[a-z]+)*$", n));
        foreach (var kind in FindingKinds.All)
        {
            Assert.True(FindingKinds.TryParse(FindingKinds.WireName(kind), out var back));
            Assert.Equal(kind, back);
        }
        Assert.False(FindingKinds.TryParse("ResponseWrongGateway", out _));
        Assert.False(FindingKinds.TryParse(null, out _));
    }

    [Fact]
    public void The_names_the_readme_and_the_lab_expectations_use_are_the_table_s()
    {
        Assert.Equal("response-wrong-gateway", FindingKinds.WireName(FindingKind.ResponseWrongGateway));
        Assert.Equal("syn-ack-wrong-gateway", FindingKinds.WireName(FindingKind.SynAckWrongGateway));
        Assert.Equal("rtp-no-media", FindingKinds.WireName(FindingKind.RtpNoMedia));
        Assert.Equal("sip-alg-rewrite", FindingKinds.WireName(FindingKind.SipAlgRewrite));
    }

    [Fact]
    public void Every_finding_kind_points_to_a_cause()
    {
        foreach (var kind in FindingKinds.All) _ = CauseKinds.Of(kind);
        Assert.Equal(CauseKind.WrongGatewayRoute, CauseKinds.Of(FindingKind.SynAckWrongGateway));
        Assert.Equal(CauseKind.Other, CauseKinds.Of(FindingKind.NatTranslation));
    }

    [Fact]
    public void Every_delivery_has_its_own_name_and_not_delivered_is_hyphenated()
    {
        var names = Enum.GetValues<ResponseDelivery>().Select(ResponseDeliveries.WireName).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("not-delivered", ResponseDeliveries.WireName(ResponseDelivery.NotDelivered));
        Assert.Equal("no-response", ResponseDeliveries.WireName(ResponseDelivery.NoResponse));
    }

    [Fact]
    public void Capture_sides_and_password_checks_have_their_own_names_and_a_check_of_nothing_has_none()
    {
        Assert.Equal(["server", "client"], Enum.GetValues<PathSide>().Select(PathSides.WireName));
        Assert.Equal("right", DigestVerdicts.WireName(DigestVerdict.PasswordRight));
        Assert.Equal("wrong", DigestVerdicts.WireName(DigestVerdict.PasswordWrong));
        Assert.Null(DigestVerdicts.WireName(DigestVerdict.NoPassword));
        Assert.Null(DigestVerdicts.WireName(DigestVerdict.CannotVerify));
        Assert.Null(DigestVerdicts.WireName(null));
    }

    [Fact]
    public void Every_transport_has_its_own_name_as_a_via_header_spells_it()
    {
        var names = Enum.GetValues<Transport>().Select(t => Transports.WireName(t)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["UDP", "TCP", "TLS", "SCTP", "WS"], names);
        Assert.Null(Transports.WireName((Transport?)null));
    }

    [Fact]
    public void Every_outcome_has_its_own_name_within_its_table()
    {
        Assert.Equal(Enum.GetValues<TransactionOutcome>().Length,
            Enum.GetValues<TransactionOutcome>().Select(TransactionOutcomes.WireName).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enum.GetValues<RegistrationOutcome>().Length,
            Enum.GetValues<RegistrationOutcome>().Select(o => RegistrationOutcomes.WireName(o)).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enum.GetValues<DialogOutcome>().Length,
            Enum.GetValues<DialogOutcome>().Select(o => DialogOutcomes.WireName(o)).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("provisional-only", TransactionOutcomes.WireName(TransactionOutcome.ProvisionalOnly));
        Assert.Equal("auth-unanswered", RegistrationOutcomes.WireName(RegistrationOutcome.AuthUnanswered));
        Assert.Null(RegistrationOutcomes.WireName((RegistrationOutcome?)null));
        Assert.Null(DialogOutcomes.WireName((DialogOutcome?)null));
    }
}
