namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>A WWW-Authenticate or Proxy-Authenticate challenge.</summary>
public sealed class SipChallenge
{
    /// <summary>True for Proxy-Authenticate (407).</summary>
    public bool IsProxy { get; set; }
    public string Scheme { get; set; } = "Digest";
    public string? Realm { get; set; }
    public string? Nonce { get; set; }
    public string? Opaque { get; set; }
    public bool Stale { get; set; }
    public string? Qop { get; set; }
    public string? Algorithm { get; set; }
}
