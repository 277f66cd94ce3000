namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>What became of one registration attempt (a REGISTER, its challenge and the retry with credentials).</summary>
public static class RegistrationOutcome
{
    /// <summary>A 2xx bound at least one contact with a non-zero expiry.</summary>
    public const string Registered = "registered";
    /// <summary>403, 404, 603/604, or a second 401/407 to credentials without stale=true: a genuine credentials failure.</summary>
    public const string Rejected = "rejected";
    /// <summary>No response at all to any request of the attempt.</summary>
    public const string Unanswered = "unanswered";
    /// <summary>Challenged (401/407), then the request with credentials got no final answer.</summary>
    public const string AuthUnanswered = "auth-unanswered";
    /// <summary>Challenged, and the client never sent credentials (the challenge may not have reached it).</summary>
    public const string Challenged = "challenged";
    /// <summary>A 2xx to a REGISTER with Expires: 0 or Contact: * (bindings removed).</summary>
    public const string Deregistered = "deregistered";
    /// <summary>Anything else (5xx, 408, 480, …); see the final status.</summary>
    public const string Other = "other";
}
