namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>One Via value: SIP/2.0/UDP host:port;branch=…;received=…;rport=….</summary>
public sealed class SipVia
{
    // Ports as plain ints with a "none" value (ports are never negative): a nullable int takes twice the room, and
    // every live transaction keeps its request's top Via.
    private const int None = -1;
    private int _port = None, _rport = None;

    /// <summary>Transport token upper case: UDP, TCP, TLS, SCTP, WS, WSS.</summary>
    public string Transport { get; set; } = "";
    public string Host { get; set; } = "";
    /// <summary>Port of sent-by, null when absent (5060/5061 implied).</summary>
    public int? Port { get => Optional(_port); set => _port = value ?? None; }
    public string? Branch { get; set; }
    public string? Received { get; set; }
    /// <summary>True when the rport parameter is present (with or without a value).</summary>
    public bool HasRport { get; set; }
    public int? Rport { get => Optional(_rport); set => _rport = value ?? None; }

    /// <summary>sent-by as written: host[:port].</summary>
    public string SentBy => Port is int p ? $"{Host}:{p}" : Host;

    private static int? Optional(int value) => value == None ? null : value;

    /// <summary>RFC 3261 branch: starts with the magic cookie z9hG4bK.</summary>
    public bool HasMagicCookie => Branch is not null && Branch.StartsWith("z9hG4bK", StringComparison.Ordinal);
}
