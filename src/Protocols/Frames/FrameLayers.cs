namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>Which layers the decoder found in a frame (several bits at once).</summary>
[Flags]
public enum FrameLayers : uint
{
    None = 0,
    Ethernet = 1 << 0,
    Vlan = 1 << 1,
    LinuxSll = 1 << 2,
    Loopback = 1 << 3,
    Ipv4 = 1 << 4,
    Ipv6 = 1 << 5,
    Udp = 1 << 6,
    Tcp = 1 << 7,
    Icmp = 1 << 8,
    Icmpv6 = 1 << 9,
    Arp = 1 << 10,
    /// <summary>The IP packet is a fragment (offset &gt; 0 or more-fragments): L4 fields are only valid for offset 0.</summary>
    Fragment = 1 << 11,
    /// <summary>ICMP/ICMPv6 error carrying a quoted IP header (and transport ports when present).</summary>
    IcmpQuote = 1 << 12,
    /// <summary>IPv6 Neighbor Solicitation/Advertisement (IP↔MAC like ARP).</summary>
    NeighborDiscovery = 1 << 13,
    /// <summary>The frame ended before a header did (snaplen or broken packet).</summary>
    Truncated = 1 << 14,
    /// <summary>A header had impossible values (bad IHL, version mismatch, length too small).</summary>
    Malformed = 1 << 15,
    /// <summary>Link or network protocol the decoder does not handle (counted as "other").</summary>
    Unsupported = 1 << 16,
    /// <summary>Other IP protocol (SCTP, GRE, ESP, …): IP fields valid, no transport fields.</summary>
    OtherIpProtocol = 1 << 17,
    /// <summary>
    /// The IP packet is longer than what was captured (snaplen): headers are whole but the payload is cut,
    /// so a fragment of it cannot be reassembled and a SIP message in it is incomplete.
    /// </summary>
    PayloadTruncated = 1 << 18,
    /// <summary>
    /// The frame was tunnelled (IP in IP, GRE, ERSPAN, VXLAN): the network and transport fields describe the inner
    /// packet, the outer IP addresses are in OuterSourceIp/OuterDestinationIp.
    /// </summary>
    Tunnel = 1 << 19,
    /// <summary>
    /// Transport fields were decoded by <see cref="FrameDecoder.DecodeTransport"/> over a reassembled IP payload:
    /// PayloadOffset and the other offsets refer to that buffer, not to the frame.
    /// </summary>
    Reassembled = 1 << 20,
    /// <summary>MPLS labels between the link and the IP header.</summary>
    Mpls = 1 << 21,
    /// <summary>PPPoE session (DSL) between Ethernet and IP.</summary>
    Pppoe = 1 << 22,
    /// <summary>Linux NFLOG link layer.</summary>
    Nflog = 1 << 23,
    /// <summary>
    /// The link type (or the ERF record type) is one the decoder does not know: nothing past the capture's own
    /// header was read, so any IP in the frame is missed. Reported once per link type, never silently.
    /// </summary>
    LinkNotDecoded = 1 << 24,
}
