namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>EtherType values (and GRE protocol types, which use the same registry) the decoder acts on.</summary>
public static class EtherTypes
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Arp = 0x0806;
    public const ushort Ipv6 = 0x86DD;
    /// <summary>Reverse ARP: the same packet format as ARP.</summary>
    public const ushort Rarp = 0x8035;
    public const ushort PppoeSession = 0x8864;
    public const ushort MplsUnicast = 0x8847;
    public const ushort MplsMulticast = 0x8848;
    /// <summary>802.1Q customer tag.</summary>
    public const ushort Vlan = 0x8100;
    /// <summary>802.1ad service tag (QinQ outer).</summary>
    public const ushort ProviderBridging = 0x88A8;
    /// <summary>Pre-standard QinQ outer tags still sent by some switches.</summary>
    public const ushort QinQ9100 = 0x9100;
    public const ushort QinQ9200 = 0x9200;
    /// <summary>GRE payload that is a whole Ethernet frame (NVGRE, Linux gretap).</summary>
    public const ushort TransparentEthernetBridging = 0x6558;
    /// <summary>ERSPAN type I/II (Cisco mirrored traffic in GRE).</summary>
    public const ushort ErspanTypeII = 0x88BE;
    public const ushort ErspanTypeIII = 0x22EB;
    /// <summary>PPP in GRE (PPTP).</summary>
    public const ushort Ppp = 0x880B;
    /// <summary>Values up to this are an 802.3 length, not a type.</summary>
    public const ushort MaxIeee8023Length = 1500;

    public static bool IsVlanTag(ushort type) =>
        type is Vlan or ProviderBridging or QinQ9100 or QinQ9200;
}
