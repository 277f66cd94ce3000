namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// The headers of one frame, decoded in place by <see cref="FrameDecoder"/>. A plain struct of values and
/// offsets into the frame bytes (no spans), so it can be reused for every packet and copied cheaply.
/// Fields of a layer are only meaningful when its bit is set in <see cref="Layers"/>.
/// </summary>
public struct DecodedFrame
{
    public FrameLayers Layers;

    // Link layer
    public MacAddress SourceMac;
    public MacAddress DestinationMac;
    /// <summary>Number of 802.1Q/802.1ad tags (0..n); the first two ids are kept.</summary>
    public byte VlanCount;
    /// <summary>Outermost VLAN id (12 bits), 0 when untagged.</summary>
    public ushort OuterVlan;
    /// <summary>Second VLAN id (QinQ inner), 0 when absent.</summary>
    public ushort InnerVlan;
    /// <summary>EtherType / protocol of the network layer (0x0800, 0x86DD, 0x0806, …).</summary>
    public ushort EtherType;
    /// <summary>Linux cooked capture packet type: 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us.</summary>
    public ushort SllPacketType;

    // Network layer
    public NetAddress SourceIp;
    public NetAddress DestinationIp;
    /// <summary>Offset of the IP header in the frame.</summary>
    public int IpOffset;
    public int IpHeaderLength;
    /// <summary>IPv4 total length / IPv6 40 + payload length, as the header says.</summary>
    public int IpTotalLength;
    /// <summary>TTL (IPv4) or hop limit (IPv6).</summary>
    public byte Ttl;
    /// <summary>IPv4 identification (0 for IPv6).</summary>
    public ushort IpId;
    /// <summary>Transport protocol number after extension headers (17 UDP, 6 TCP, 1 ICMP, 58 ICMPv6, …).</summary>
    public byte IpProtocol;
    public byte Dscp;

    // Fragments (when Layers has Fragment)
    /// <summary>IPv4 id or IPv6 fragment-header identification.</summary>
    public uint FragmentId;
    /// <summary>Fragment offset in bytes.</summary>
    public int FragmentOffset;
    public bool MoreFragments;
    /// <summary>
    /// The protocol every fragment of the datagram carries (IPv4 protocol; IPv6 the fragment header's next
    /// header), for the reassembly key: <see cref="IpProtocol"/> of a first IPv6 fragment may lie further in.
    /// </summary>
    public byte FragmentProtocol;

    // Transport layer
    public ushort SourcePort;
    public ushort DestinationPort;
    public uint TcpSequence;
    public uint TcpAcknowledgment;
    /// <summary>TCP flags byte: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80.</summary>
    public byte TcpFlags;
    public ushort TcpWindow;

    /// <summary>
    /// Offset and length of the payload: after UDP/TCP headers; for ICMP, after the 8-byte ICMP header; for a
    /// fragment, the IP payload (fragment data). Trimmed to the IP length (Ethernet padding excluded) and to
    /// the captured bytes.
    /// </summary>
    public int PayloadOffset;
    public int PayloadLength;

    // ICMP / ICMPv6
    public byte IcmpType;
    public byte IcmpCode;
    /// <summary>Redirect: the gateway the router names (ICMP type 5 / ICMPv6 137 target).</summary>
    public NetAddress IcmpGateway;
    /// <summary>The IP header quoted inside an ICMP error (Layers has IcmpQuote).</summary>
    public NetAddress QuotedSourceIp;
    public NetAddress QuotedDestinationIp;
    public byte QuotedProtocol;
    public ushort QuotedIpId;
    public ushort QuotedSourcePort;
    public ushort QuotedDestinationPort;
    /// <summary>Offset/length of the quoted transport payload (e.g. the start of a quoted SIP message).</summary>
    public int QuotedPayloadOffset;
    public int QuotedPayloadLength;

    // ARP (and IPv6 ND: sender = the node announcing, target = the solicited/advertised address)
    public ushort ArpOperation;
    // ND: ArpOperation 1 = solicitation, 2 = advertisement (IcmpType has 135/136); sender = IPv6 source and the
    // source (NS) or target (NA) link-layer address option; target = the solicited/advertised address, with an
    // NA's link-layer address option also in ArpTargetMac.
    public MacAddress ArpSenderMac;
    public NetAddress ArpSenderIp;
    public MacAddress ArpTargetMac;
    public NetAddress ArpTargetIp;
    /// <summary>Neighbor Advertisement flags byte: router 0x80, solicited 0x40, override 0x20.</summary>
    public byte NdFlags;

    // Tunnels (Layers has Tunnel): the outer IP header the inner packet came in.
    public NetAddress OuterSourceIp;
    public NetAddress OuterDestinationIp;
    /// <summary>4 IP in IPv4/IPv6, 41 IPv6 in IP, 47 GRE (incl. ERSPAN and transparent bridging), 17 VXLAN.</summary>
    public byte TunnelProtocol;

    public readonly bool Has(FrameLayers layer) => (Layers & layer) != 0;

    /// <summary>Resets every field so the struct can be reused for the next frame.</summary>
    public void Clear() => this = default;
}
