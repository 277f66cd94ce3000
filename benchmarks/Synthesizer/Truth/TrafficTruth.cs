namespace PcapSipAnalyzer.Synthesizer.Truth;

/// <summary>Packet counts per kind of traffic.</summary>
public sealed class TrafficTruth
{
    public long Sip { get; set; }
    public long Rtp { get; set; }
    public long Rtcp { get; set; }
    public long Dns { get; set; }
    public long Tcp { get; set; }
    public long TcpFlows { get; set; }
    public long Arp { get; set; }

    /// <summary>ICMP redirects from the wrong gateway, each quoting a misrouted SIP response.</summary>
    public long IcmpRedirects { get; set; }
    public long Flood { get; set; }

    /// <summary>Frame bytes of traffic unrelated to VoIP (DNS, TCP, ARP).</summary>
    public long UnrelatedBytes { get; set; }

    /// <summary>Frame bytes of SIP, RTP and RTCP.</summary>
    public long VoipBytes { get; set; }
}
