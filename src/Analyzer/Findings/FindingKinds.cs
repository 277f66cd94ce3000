namespace PcapSipAnalyzer.Analyzer.Findings;

/// <summary>
/// The one table of finding-kind names that the JSON, JSON Lines, CSV, Parquet and console writers, the packet
/// comments and the Wireshark colouring rules use.
/// </summary>
public static class FindingKinds
{
    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<FindingKind> All { get; } = Enum.GetValues<FindingKind>();

    public static string WireName(FindingKind kind) => kind switch
    {
        FindingKind.ResponseWrongGateway => "response-wrong-gateway",
        FindingKind.AsymmetricPath => "asymmetric-path",
        FindingKind.ResponseLost => "response-lost",
        FindingKind.ResponseWrongPort => "response-wrong-port",
        FindingKind.ResponseWrongSource => "response-wrong-source",
        FindingKind.NatBindingExpired => "nat-binding-expired",
        FindingKind.RegisterUnanswered => "register-unanswered",
        FindingKind.InviteUnanswered => "invite-unanswered",
        FindingKind.ConnectionRefused => "connection-refused",
        FindingKind.ConnectionUnanswered => "connection-unanswered",
        FindingKind.SynAckWrongGateway => "syn-ack-wrong-gateway",
        FindingKind.IcmpError => "icmp-error",
        FindingKind.RouteChanged => "route-changed",
        FindingKind.RegistrationRejected => "registration-rejected",
        FindingKind.SipScan => "sip-scan",
        FindingKind.RtpOneWay => "rtp-one-way",
        FindingKind.RtpNoMedia => "rtp-no-media",
        FindingKind.RtpUnexpectedSource => "rtp-unexpected-source",
        FindingKind.RtpLoss => "rtp-loss",
        FindingKind.RtpJitter => "rtp-jitter",
        FindingKind.RtpPoorQuality => "rtp-poor-quality",
        FindingKind.MediaNotOnPath => "media-not-on-path",
        FindingKind.MediaNotCaptured => "media-not-captured",
        FindingKind.SipAlgRewrite => "sip-alg-rewrite",
        FindingKind.NatTranslation => "nat-translation",
        FindingKind.SipFragmentsLost => "sip-fragments-lost",
        FindingKind.TollFraudAttempt => "toll-fraud-attempt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a finding kind without a wire name"),
    };

    /// <summary>The kind a wire name stands for (as the reports write it); false for any other text.</summary>
    public static bool TryParse(string? name, out FindingKind kind)
    {
        foreach (var k in All)
            if (string.Equals(WireName(k), name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        kind = default;
        return false;
    }

    /// <summary>Orders kinds by wire name, the order the reports list kinds in when nothing else decides.</summary>
    public static int CompareByName(FindingKind a, FindingKind b) => string.CompareOrdinal(WireName(a), WireName(b));
}
