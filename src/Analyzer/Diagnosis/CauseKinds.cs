using PcapSipAnalyzer.Analyzer.Findings;

namespace PcapSipAnalyzer.Analyzer.Diagnosis;

/// <summary>The one table of cause-kind names that the JSON, CSV, Parquet and console writers use.</summary>
public static class CauseKinds
{
    public static string WireName(CauseKind kind) => kind switch
    {
        CauseKind.WrongGatewayRoute => "wrong-gateway-route",
        CauseKind.AsymmetricRoute => "asymmetric-route",
        CauseKind.RouteChanged => "route-changed",
        CauseKind.AddressConflict => "address-conflict",
        CauseKind.LostBeyondNextHop => "lost-beyond-next-hop",
        CauseKind.RepliesMisaddressed => "replies-misaddressed",
        CauseKind.ClientsTakenOnLink => "clients-taken-on-link",
        CauseKind.NatBindingExpired => "nat-binding-expired",
        CauseKind.ServerSilent => "server-silent",
        CauseKind.NetworkError => "network-error",
        CauseKind.CredentialsRejected => "credentials-rejected",
        CauseKind.MediaBlocked => "media-blocked",
        CauseKind.MediaSource => "media-source",
        CauseKind.MediaQuality => "media-quality",
        CauseKind.MediaNotOnPath => "media-not-on-path",
        CauseKind.MediaNotCaptured => "media-not-captured",
        CauseKind.SipAlg => "sip-alg",
        CauseKind.SipScan => "sip-scan",
        CauseKind.PasswordGuessing => "password-guessing",
        CauseKind.FragmentsDropped => "fragments-dropped",
        CauseKind.RequestUndelivered => "request-undelivered",
        CauseKind.ConnectionRefused => "connection-refused",
        CauseKind.RegistrationRefused => "registration-refused",
        _ => "other",
    };

    /// <summary>What a cause's clients are to it, for the writers' "(3 affected)": a guesser's are the attackers.</summary>
    public static string ClientRole(CauseKind kind) => kind == CauseKind.PasswordGuessing ? "guessing" : "affected";

    /// <summary>The cause a finding kind points to before anything else is known about it.</summary>
    public static CauseKind Of(FindingKind findingKind) => findingKind switch
    {
        FindingKind.ResponseWrongGateway or FindingKind.SynAckWrongGateway => CauseKind.WrongGatewayRoute,
        FindingKind.AsymmetricPath => CauseKind.AsymmetricRoute,
        FindingKind.RouteChanged => CauseKind.RouteChanged,
        FindingKind.ResponseLost => CauseKind.LostBeyondNextHop,
        FindingKind.ResponseWrongPort or FindingKind.ResponseWrongSource => CauseKind.RepliesMisaddressed,
        FindingKind.NatBindingExpired => CauseKind.NatBindingExpired,
        FindingKind.RegisterUnanswered or FindingKind.InviteUnanswered or FindingKind.ConnectionUnanswered => CauseKind.ServerSilent,
        FindingKind.IcmpError => CauseKind.NetworkError,
        FindingKind.RegistrationRejected => CauseKind.CredentialsRejected,
        FindingKind.TollFraudAttempt => CauseKind.PasswordGuessing,
        FindingKind.RtpNoMedia or FindingKind.RtpOneWay => CauseKind.MediaBlocked,
        FindingKind.RtpUnexpectedSource => CauseKind.MediaSource,
        FindingKind.RtpLoss or FindingKind.RtpJitter or FindingKind.RtpPoorQuality => CauseKind.MediaQuality,
        FindingKind.MediaNotOnPath => CauseKind.MediaNotOnPath,
        FindingKind.MediaNotCaptured => CauseKind.MediaNotCaptured,
        FindingKind.SipAlgRewrite => CauseKind.SipAlg,
        FindingKind.SipScan => CauseKind.SipScan,
        FindingKind.SipFragmentsLost => CauseKind.FragmentsDropped,
        FindingKind.ConnectionRefused => CauseKind.ConnectionRefused,
        // Address translation alone breaks nothing: its own cause, named after the finding.
        FindingKind.NatTranslation => CauseKind.Other,
        _ => throw new ArgumentOutOfRangeException(nameof(findingKind), findingKind, "a finding kind without a cause"),
    };

    /// <summary>Causes about the network path: the ones other evidence of the same client is folded into.</summary>
    public static bool IsRouting(CauseKind kind) =>
        kind is CauseKind.WrongGatewayRoute or CauseKind.RouteChanged or CauseKind.LostBeyondNextHop or CauseKind.ServerSilent
            or CauseKind.AsymmetricRoute or CauseKind.ClientsTakenOnLink or CauseKind.AddressConflict;
}
