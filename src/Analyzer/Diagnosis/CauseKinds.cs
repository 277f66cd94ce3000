namespace PcapSipAnalyzer.Analyzer.Diagnosis;

/// <summary>The one table of cause-kind names that the JSON, CSV, Parquet and console writers use.</summary>
public static class CauseKinds
{
    public static string WireName(CauseKind kind) => kind switch
    {
        CauseKind.WrongGatewayRoute => "wrong-gateway-route",
        CauseKind.AsymmetricRoute => "asymmetric-route",
        CauseKind.RouteChanged => "route-changed",
        CauseKind.LostBeyondNextHop => "lost-beyond-next-hop",
        CauseKind.ServerSilent => "server-silent",
        CauseKind.NetworkError => "network-error",
        CauseKind.CredentialsRejected => "credentials-rejected",
        CauseKind.MediaBlocked => "media-blocked",
        CauseKind.MediaSource => "media-source",
        CauseKind.MediaQuality => "media-quality",
        CauseKind.MediaNotOnPath => "media-not-on-path",
        CauseKind.SipAlg => "sip-alg",
        CauseKind.SipScan => "sip-scan",
        _ => "other",
    };

    /// <summary>The cause a finding kind points to before anything else is known about it.</summary>
    public static CauseKind Of(string findingKind) => findingKind switch
    {
        "response-wrong-gateway" or "syn-ack-wrong-gateway" => CauseKind.WrongGatewayRoute,
        "asymmetric-path" => CauseKind.AsymmetricRoute,
        "route-changed" => CauseKind.RouteChanged,
        "response-lost" => CauseKind.LostBeyondNextHop,
        "register-unanswered" => CauseKind.ServerSilent,
        "icmp-error" => CauseKind.NetworkError,
        "registration-rejected" => CauseKind.CredentialsRejected,
        "rtp-no-media" or "rtp-one-way" => CauseKind.MediaBlocked,
        "rtp-unexpected-source" => CauseKind.MediaSource,
        "rtp-loss" or "rtp-jitter" or "rtp-poor-quality" => CauseKind.MediaQuality,
        "media-not-on-path" => CauseKind.MediaNotOnPath,
        "sip-alg-rewrite" => CauseKind.SipAlg,
        "sip-scan" => CauseKind.SipScan,
        _ => CauseKind.Other,
    };

    /// <summary>Causes about the network path: the ones other evidence of the same client is folded into.</summary>
    public static bool IsRouting(CauseKind kind) =>
        kind is CauseKind.WrongGatewayRoute or CauseKind.RouteChanged or CauseKind.LostBeyondNextHop or CauseKind.ServerSilent
            or CauseKind.AsymmetricRoute;
}
