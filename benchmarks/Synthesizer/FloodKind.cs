namespace PcapSipAnalyzer.Synthesizer;

/// <summary>Hostile captures that test bounded state (issue 9 §3) instead of a realistic VoIP mix.</summary>
public enum FloodKind
{
    /// <summary>No flood: the realistic VoIP mix.</summary>
    None,

    /// <summary>Many distinct Call-IDs, each an INVITE that is never answered.</summary>
    CallIds,

    /// <summary>Many distinct UDP 5-tuples carrying RTP-looking payloads.</summary>
    UdpFlows,

    /// <summary>TCP streams to port 5060 that never end a SIP message.</summary>
    TcpEndless,

    /// <summary>IPv4 fragments whose datagrams never complete.</summary>
    Fragments,

    /// <summary>One SIP request over TCP whose header is many megabytes long.</summary>
    HugeHeader,

    /// <summary>A SIPVicious-style REGISTER/OPTIONS scan: one request per source address, all through one router MAC.</summary>
    RegisterScan,
}
