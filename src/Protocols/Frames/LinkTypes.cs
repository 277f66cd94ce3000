namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// LINKTYPE_ values (tcpdump.org/linktypes.html): constants for the ones the decoder understands, and
/// <see cref="Name"/>, the one table of names every report uses (also for the link types it does not decode).
/// </summary>
public static class LinkTypes
{
    public const int Null = 0;
    public const int Ethernet = 1;
    /// <summary>PPP without a link header, or with HDLC-like FF 03 in front (RFC 1661/1662).</summary>
    public const int Ppp = 9;
    public const int RawOpenBsd = 12;   // DLT_RAW on some BSDs
    public const int RawBsdi = 14;      // DLT_RAW on BSD/OS
    /// <summary>PPP in HDLC-like framing (FF 03) or Cisco HDLC (0F/8F 00) on a serial line.</summary>
    public const int PppHdlc = 50;
    /// <summary>PPPoE: the PPPoE session header, then PPP (no Ethernet header).</summary>
    public const int PppEther = 51;
    public const int Raw = 101;
    /// <summary>Cisco HDLC: address, control, then an EtherType.</summary>
    public const int CiscoHdlc = 104;
    public const int Loop = 108;
    public const int LinuxSll = 113;
    /// <summary>Endace ERF records (DAG cards): a 16-byte record header in front of the frame.</summary>
    public const int Erf = 197;
    /// <summary>A direction byte, then PPP as <see cref="Ppp"/>.</summary>
    public const int PppWithDirection = 204;
    /// <summary>A direction byte, then Cisco HDLC.</summary>
    public const int CiscoHdlcWithDirection = 205;
    public const int Ipv4 = 228;
    public const int Ipv6 = 229;
    public const int Nflog = 239;
    /// <summary>Apple's packet tap (tcpdump -i pktap on macOS): a header naming the inner link type.</summary>
    public const int Pktap = 258;
    public const int LinuxSll2 = 276;

    /// <summary>The LINKTYPE_ name without its prefix, as tcpdump.org lists it; LINKTYPE_n for unlisted numbers.</summary>
    public static string Name(int linkType) => linkType switch
    {
        Null => "NULL",
        Ethernet => "ETHERNET",
        3 => "AX25",
        6 => "IEEE802_5",
        7 => "ARCNET_BSD",
        8 => "SLIP",
        Ppp => "PPP",
        10 => "FDDI",
        RawOpenBsd or RawBsdi or Raw => "RAW",
        PppHdlc => "PPP_HDLC",
        PppEther => "PPP_ETHER",
        100 => "ATM_RFC1483",
        CiscoHdlc => "C_HDLC",
        105 => "IEEE802_11",
        107 => "FRELAY",
        Loop => "LOOP",
        LinuxSll => "LINUX_SLL",
        114 => "LTALK",
        117 => "PFLOG",
        119 => "IEEE802_11_PRISM",
        122 => "IP_OVER_FC",
        123 => "SUNATM",
        127 => "IEEE802_11_RADIOTAP",
        129 => "ARCNET_LINUX",
        138 => "APPLE_IP_OVER_IEEE1394",
        139 => "MTP2_WITH_PHDR",
        140 => "MTP2",
        141 => "MTP3",
        142 => "SCCP",
        143 => "DOCSIS",
        144 => "LINUX_IRDA",
        >= 147 and <= 162 => UserName(linkType),
        163 => "IEEE802_11_AVS",
        165 => "BACNET_MS_TP",
        166 => "PPP_PPPD",
        169 => "GPRS_LLC",
        170 => "GPF_T",
        171 => "GPF_F",
        177 => "LINUX_LAPD",
        182 => "MFR",
        187 => "BLUETOOTH_HCI_H4",
        189 => "USB_LINUX",
        192 => "PPI",
        195 => "IEEE802_15_4_WITHFCS",
        196 => "SITA",
        Erf => "ERF",
        201 => "BLUETOOTH_HCI_H4_WITH_PHDR",
        202 => "AX25_KISS",
        203 => "LAPD",
        PppWithDirection => "PPP_WITH_DIR",
        CiscoHdlcWithDirection => "C_HDLC_WITH_DIR",
        206 => "FRELAY_WITH_DIR",
        207 => "LAPB_WITH_DIR",
        209 => "IPMB_LINUX",
        215 => "IEEE802_15_4_NONASK_PHY",
        220 => "USB_LINUX_MMAPPED",
        224 => "FC_2",
        225 => "FC_2_WITH_FRAME_DELIMS",
        226 => "IPNET",
        227 => "CAN_SOCKETCAN",
        Ipv4 => "IPV4",
        Ipv6 => "IPV6",
        230 => "IEEE802_15_4_NOFCS",
        231 => "DBUS",
        235 => "DVB_CI",
        236 => "MUX27010",
        237 => "STANAG_5066_D_PDU",
        Nflog => "NFLOG",
        240 => "NETANALYZER",
        241 => "NETANALYZER_TRANSPARENT",
        242 => "IPOIB",
        243 => "MPEG_2_TS",
        244 => "NG40",
        245 => "NFC_LLCP",
        247 => "INFINIBAND",
        248 => "SCTP",
        249 => "USBPCAP",
        250 => "RTAC_SERIAL",
        251 => "BLUETOOTH_LE_LL",
        252 => "WIRESHARK_UPPER_PDU",
        253 => "NETLINK",
        254 => "BLUETOOTH_LINUX_MONITOR",
        255 => "BLUETOOTH_BREDR_BB",
        256 => "BLUETOOTH_LE_LL_WITH_PHDR",
        257 => "PROFIBUS_DL",
        Pktap => "PKTAP",
        259 => "EPON",
        260 => "IPMI_HPM_2",
        261 => "ZWAVE_R1_R2",
        262 => "ZWAVE_R3",
        263 => "WATTSTOPPER_DLM",
        264 => "ISO_14443",
        265 => "RDS",
        266 => "USB_DARWIN",
        268 => "SDLC",
        270 => "LORATAP",
        271 => "VSOCK",
        272 => "NORDIC_BLE",
        273 => "DOCSIS31_XRA31",
        274 => "ETHERNET_MPACKET",
        275 => "DISPLAYPORT_AUX",
        LinuxSll2 => "LINUX_SLL2",
        277 => "SERCOS_MONITOR",
        278 => "OPENVIZSLA",
        279 => "EBHSCR",
        280 => "VPP_DISPATCH",
        281 => "DSA_TAG_BRCM",
        282 => "DSA_TAG_BRCM_PREPEND",
        283 => "IEEE802_15_4_TAP",
        284 => "DSA_TAG_DSA",
        285 => "DSA_TAG_EDSA",
        286 => "ELEE",
        287 => "Z_WAVE_SERIAL",
        288 => "USB_2_0",
        289 => "ATSC_ALP",
        290 => "ETW",
        292 => "ZBOSS_NCP",
        293 => "USB_2_0_LOW_SPEED",
        294 => "USB_2_0_FULL_SPEED",
        295 => "USB_2_0_HIGH_SPEED",
        296 => "AUERSWALD_LOG",
        297 => "ZWAVE_TAP",
        298 => "SILABS_DEBUG_CHANNEL",
        299 => "FIRA_UCI",
        300 => "MDB",
        301 => "DECT_NR",
        _ => $"LINKTYPE_{linkType}",
    };

    // LINKTYPE_USER0 … USER15 (147–162): reserved for private use, so nobody else can say what they carry.
    private static string UserName(int linkType) => linkType switch
    {
        147 => "USER0", 148 => "USER1", 149 => "USER2", 150 => "USER3", 151 => "USER4", 152 => "USER5",
        153 => "USER6", 154 => "USER7", 155 => "USER8", 156 => "USER9", 157 => "USER10", 158 => "USER11",
        159 => "USER12", 160 => "USER13", 161 => "USER14", _ => "USER15",
    };
}
