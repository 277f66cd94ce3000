namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// What became of one registration attempt (a REGISTER, its challenge and the retry with credentials); the report
/// names are in <see cref="RegistrationOutcomes"/>.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Reports.WireNameJsonConverter<RegistrationOutcome>))]
public enum RegistrationOutcome : byte
{
    /// <summary>A 2xx bound at least one contact with a non-zero expiry.</summary>
    Registered,
    /// <summary>403, 404, 603/604, or a second 401/407 to credentials without stale=true: a genuine credentials failure.</summary>
    Rejected,
    /// <summary>No response at all to any request of the attempt.</summary>
    Unanswered,
    /// <summary>Challenged (401/407), then the request with credentials got no final answer.</summary>
    AuthUnanswered,
    /// <summary>Challenged, and the client never sent credentials (the challenge may not have reached it).</summary>
    Challenged,
    /// <summary>A 2xx to a REGISTER with Expires: 0 or Contact: * (bindings removed).</summary>
    Deregistered,
    /// <summary>Anything else (5xx, 408, 480, …); see the final status.</summary>
    Other,
    /// <summary>
    /// Dropped from memory before it ended (a live-state table at its cap, e.g. under a scan): nothing is known of its
    /// answer. Neither "unanswered", which would accuse the network, nor "other", which reads as an error response.
    /// </summary>
    Evicted,
}
