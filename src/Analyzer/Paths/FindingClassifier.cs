using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>
/// The rules of the path findings, apart from their words: from what a transaction, a TCP handshake or a
/// registration shows to the kind of finding it is (or none), and how severe that kind is. Pure functions:
/// the same facts always give the same verdict.
/// </summary>
public static class FindingClassifier
{
    /// <summary>The finding a transaction's path is evidence for, or null when it shows nothing wrong.</summary>
    public static FindingKind? Classify(in TransactionPathFacts f)
    {
        if (!f.HasFinalResponse)
            return !f.RequestSeen || f.AnyResponse || !f.TimedOut ? null
                : f.IsRegister ? FindingKind.RegisterUnanswered
                // A phone repeats an unanswered INVITE over UDP (timer A): one copy and no more was answered out of sight.
                // A proxy's forked branch nobody picked up (a phone that is gone) while another answered: the call worked.
                : f.IsInvite && !f.SentOnceOverUdp && !f.CallAnsweredElsewhere ? FindingKind.InviteUnanswered
                : null; // an unanswered OPTIONS or NOTIFY is a keepalive to a host that is gone, not a failed registration or call
        // Sent where the request did not come from, and lost: the address is the fault, whatever hop it took.
        if (f.RepliedElsewhere && f.Delivery == ResponseDelivery.NotDelivered) return FindingKind.ResponseWrongPort;
        // Sent from elsewhere than the request went to, and lost: what a NAT or stateful firewall drops.
        if (f.RepliedFromElsewhere && f.Delivery == ResponseDelivery.NotDelivered) return FindingKind.ResponseWrongSource;
        if (!f.DifferentHop)
            return f.Delivery == ResponseDelivery.NotDelivered ? FindingKind.ResponseLost : null;
        // With a topology file, a response that left through the declared gateway is not misrouted, even if the
        // request came another way: if it got lost, it got lost beyond the right gateway.
        bool misrouted = f.AgainstTopology || !f.ExpectedHopKnown;
        return f.Delivery switch
        {
            ResponseDelivery.NotDelivered => misrouted ? FindingKind.ResponseWrongGateway : FindingKind.ResponseLost,
            ResponseDelivery.Delivered or ResponseDelivery.Unknown or ResponseDelivery.NoResponse =>
                f.Symmetric ? null : FindingKind.AsymmetricPath,
            _ => throw new ArgumentOutOfRangeException(nameof(f), f.Delivery, "a delivery the rules do not know"),
        };
    }

    /// <summary>The finding a TCP handshake that carried SIP is evidence for, or null.</summary>
    public static FindingKind? Classify(in HandshakeFacts c)
    {
        // Else nothing answered: no next hop to judge, unless the server showed where it looked for the client.
        if (c.SynAckCount == 0)
            return c.RefusedByServer ? FindingKind.ConnectionRefused : c.ServerAskedForClient ? FindingKind.ConnectionUnanswered : null;
        if (c.Asymmetric) return c.Completed ? FindingKind.AsymmetricPath : FindingKind.SynAckWrongGateway;
        return !c.Completed && !c.Reset && c.SynsAfterSynAck > 0 ? FindingKind.ResponseLost : null;
    }

    /// <summary>A registration the registrar refused is a credentials finding; every other outcome is none.</summary>
    public static FindingKind? ClassifyRegistration(RegistrationOutcome? outcome) =>
        outcome == RegistrationOutcome.Rejected ? FindingKind.RegistrationRejected : null;

    /// <summary>ICMP errors quoting a client's traffic are a finding of their own, whatever else is wrong.</summary>
    public static FindingKind? ClassifyIcmp(int errorCount) => errorCount > 0 ? FindingKind.IcmpError : null;

    /// <summary>
    /// A different next hop that loses responses is one problem with the hop that also delivers some: a client's
    /// asymmetric path gives way to its wrong-gateway finding.
    /// </summary>
    public static bool IsSuperseded(FindingKind kind, Func<FindingKind, bool> clientHas) =>
        kind == FindingKind.AsymmetricPath
        && (clientHas(FindingKind.ResponseWrongGateway) || clientHas(FindingKind.SynAckWrongGateway));

    /// <summary>ICMP errors that say a packet was dropped (not a redirect or a source quench, which still deliver).</summary>
    public static bool Drops(IcmpErrorKind kind) => kind is not (IcmpErrorKind.Redirect or IcmpErrorKind.SourceQuench);

    /// <summary>
    /// How bad a path finding is: lost responses are errors, a detour that still delivers a warning, a genuine
    /// password failure information; ICMP errors are errors only when <paramref name="icmpDropped"/>, and only a
    /// note when <paramref name="icmpRecovered"/> (a copy was dropped, the next one got through and was answered).
    /// </summary>
    public static Severity SeverityOf(FindingKind kind, bool icmpDropped = false, bool icmpRecovered = false) => kind switch
    {
        FindingKind.ResponseWrongGateway or FindingKind.ResponseLost or FindingKind.ResponseWrongPort or FindingKind.ResponseWrongSource or FindingKind.NatBindingExpired or FindingKind.RegisterUnanswered or FindingKind.InviteUnanswered
            or FindingKind.SynAckWrongGateway or FindingKind.ConnectionRefused or FindingKind.ConnectionUnanswered => Severity.Error,
        FindingKind.AsymmetricPath or FindingKind.RouteChanged => Severity.Warning,
        FindingKind.IcmpError => !icmpDropped ? Severity.Warning : icmpRecovered ? Severity.Info : Severity.Error,
        FindingKind.RegistrationRejected or FindingKind.TollFraudAttempt => Severity.Info,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a path finding"),
    };
}
