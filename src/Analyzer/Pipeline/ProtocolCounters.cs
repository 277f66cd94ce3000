using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Packets per protocol, counted as the decoder found them. A frame counts once under every layer it
/// carries (a VLAN-tagged UDP packet is Ethernet, VLAN, IPv4 and UDP), as Wireshark's hierarchy does.
/// </summary>
public sealed class ProtocolCounters
{
    public long Ethernet;
    public long Vlan;
    public long LinuxCooked;
    public long Loopback;
    public long Ipv4;
    public long Ipv6;
    public long Udp;
    public long Tcp;
    public long Icmp;
    public long Icmpv6;
    public long Arp;
    public long Fragments;
    public long FragmentsReassembled;
    public long Sip;
    public long Rtp;
    public long Rtcp;
    /// <summary>Datagrams on a media port an SDP switched to T.38 fax (m=image … udptl t38).</summary>
    public long T38;
    public long Other;

    public void Count(in DecodedFrame frame)
    {
        var layers = frame.Layers;
        if ((layers & FrameLayers.Ethernet) != 0) Ethernet++;
        if ((layers & FrameLayers.Vlan) != 0) Vlan++;
        if ((layers & FrameLayers.LinuxSll) != 0) LinuxCooked++;
        if ((layers & FrameLayers.Loopback) != 0) Loopback++;
        if ((layers & FrameLayers.Ipv4) != 0) Ipv4++;
        if ((layers & FrameLayers.Ipv6) != 0) Ipv6++;
        if ((layers & FrameLayers.Fragment) != 0) Fragments++;
        if ((layers & FrameLayers.Udp) != 0) Udp++;
        else if ((layers & FrameLayers.Tcp) != 0) Tcp++;
        else if ((layers & FrameLayers.Icmp) != 0) Icmp++;
        else if ((layers & FrameLayers.Icmpv6) != 0) Icmpv6++;
        else if ((layers & FrameLayers.Arp) != 0) Arp++;
        else if ((layers & FrameLayers.Fragment) == 0) Other++;
    }

    public void Add(ProtocolCounters other)
    {
        Ethernet += other.Ethernet; Vlan += other.Vlan; LinuxCooked += other.LinuxCooked; Loopback += other.Loopback;
        Ipv4 += other.Ipv4; Ipv6 += other.Ipv6; Udp += other.Udp; Tcp += other.Tcp; Icmp += other.Icmp;
        Icmpv6 += other.Icmpv6; Arp += other.Arp; Fragments += other.Fragments;
        FragmentsReassembled += other.FragmentsReassembled; Sip += other.Sip; Rtp += other.Rtp; Rtcp += other.Rtcp;
        T38 += other.T38; Other += other.Other;
    }
}
