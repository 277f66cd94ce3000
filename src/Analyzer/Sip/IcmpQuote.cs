using PcapSipAnalyzer.Analyzer.Packets;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>An ICMP error that quoted a SIP message of a transaction: a router telling why it did not deliver.</summary>
public sealed class IcmpQuote
{
    public FrameRef Frame { get; init; }
    public long TimestampNs { get; init; }
    /// <summary>IP address of the router or host that sent the ICMP error.</summary>
    public string Reporter { get; init; } = "";
    public string ReporterMac { get; init; } = "";
    public byte Type { get; init; }
    public byte Code { get; init; }
    /// <summary>The status of the quoted response, 0 when the quoted message was a request.</summary>
    public int QuotedStatus { get; init; }
    /// <summary>Where the quoted packet was going ("ip:port").</summary>
    public string QuotedDestination { get; init; } = "";
    /// <summary>For a redirect (type 5): the gateway the router says to use.</summary>
    public string? RedirectGateway { get; init; }
}
