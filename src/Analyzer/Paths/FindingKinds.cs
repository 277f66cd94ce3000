namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>The kinds of finding the path analysis raises (the JSON "kind" values).</summary>
public static class FindingKinds
{
    public const string ResponseWrongGateway = "response-wrong-gateway";
    public const string AsymmetricPath = "asymmetric-path";
    public const string ResponseLost = "response-lost";
    public const string RegisterUnanswered = "register-unanswered";
    public const string SynAckWrongGateway = "syn-ack-wrong-gateway";
    public const string IcmpError = "icmp-error";
    public const string RegistrationRejected = "registration-rejected";
    public const string RouteChanged = "route-changed";
    /// <summary>Many sources or AORs probing a server (or scanner User-Agents): one finding per scanned server.</summary>
    public const string SipScan = "sip-scan";
}
