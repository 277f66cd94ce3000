namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>One Via value: SIP/2.0/UDP host:port;branch=…;received=…;rport=….</summary>
public sealed class SipVia
{
    /// <summary>Transport token upper case: UDP, TCP, TLS, SCTP, WS, WSS.</summary>
    public string Transport { get; set; } = "";
    public string Host { get; set; } = "";
    /// <summary>Port of sent-by, null when absent (5060/5061 implied).</summary>
    public int? Port { get; set; }
    public string? Branch { get; set; }
    public string? Received { get; set; }
    /// <summary>True when the rport parameter is present (with or without a value).</summary>
    public bool HasRport { get; set; }
    public int? Rport { get; set; }

    /// <summary>sent-by as written: host[:port].</summary>
    public string SentBy => Port is int p ? $"{Host}:{p}" : Host;

    /// <summary>RFC 3261 branch: starts with the magic cookie z9hG4bK.</summary>
    public bool HasMagicCookie => Branch is not null && Branch.StartsWith("z9hG4bK", StringComparison.Ordinal);
}
