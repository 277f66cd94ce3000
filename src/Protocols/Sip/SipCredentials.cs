namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>An Authorization or Proxy-Authorization header (digest credentials).</summary>
public sealed class SipCredentials
{
    /// <summary>True for Proxy-Authorization.</summary>
    public bool IsProxy { get; set; }
    public string Scheme { get; set; } = "Digest";
    public string? Username { get; set; }
    public string? Realm { get; set; }
    public string? Nonce { get; set; }
    public string? Uri { get; set; }
    public string? Response { get; set; }
    public string? Algorithm { get; set; }
    public string? Qop { get; set; }
    public string? NonceCount { get; set; }
    public string? CNonce { get; set; }
    public string? Opaque { get; set; }
}
