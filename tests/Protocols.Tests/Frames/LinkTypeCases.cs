using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.TestSupport.LinkFrames;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>
/// One SIP REGISTER over UDP (10.1.2.3:5062 → 10.9.8.7:5060, or 2001:db8::3 → 2001:db8::7) on every link type
/// and encapsulation that carries IP in real captures, each built byte by byte.
/// </summary>
internal static class LinkTypeCases
{
    public const string Register = "REGISTER sip:pbx SIP/2.0\r\n";

    /// <param name="TsharkReads">False where tshark 4.0 does not know the link type (C_HDLC_WITH_DIR).</param>
    public sealed record Case(string Name, int LinkType, byte[] Frame, bool V6 = false, bool TsharkReads = true)
    {
        public override string ToString() => Name;
    }

    public static byte[] Sip4 => Ipv4(17, "10.1.2.3", "10.9.8.7", Udp(5062, 5060, Ascii(Register)));

    public static byte[] Sip6 => Ipv6(17, "2001:db8::3", "2001:db8::7", Udp(5062, 5060, Ascii(Register)));

    public static byte[] EthernetSip4 => Ethernet(0x0800, Sip4);

    public static IReadOnlyList<Case> All { get; } =
    [
        new("erf-eth", LinkTypes.Erf, Erf(2, ErfEthernet(EthernetSip4))),
        new("erf-eth-two-extension-headers", LinkTypes.Erf, Erf(2, ErfEthernet(EthernetSip4), extensions: 2)),
        new("erf-color-eth", LinkTypes.Erf, Erf(11, ErfEthernet(EthernetSip4))),
        new("erf-dsm-color-eth", LinkTypes.Erf, Erf(16, ErfEthernet(Ethernet(0x0800, Sip4, 10)))),
        new("erf-ipv4", LinkTypes.Erf, Erf(22, Sip4)),
        new("erf-ipv6-extension-header", LinkTypes.Erf, Erf(23, Sip6, extensions: 1), V6: true),
        new("erf-hdlc-pos-ppp", LinkTypes.Erf, Erf(1, PppHdlc(0x0021, Sip4))),
        new("erf-hdlc-pos-chdlc", LinkTypes.Erf, Erf(1, CiscoHdlc(0x0800, Sip4))),
        new("ppp", LinkTypes.Ppp, PppHdlc(0x0021, Sip4)),
        new("ppp-without-ff03", LinkTypes.Ppp, PppBare(0x0057, Sip6), V6: true),
        new("ppp-hdlc", LinkTypes.PppHdlc, PppHdlc(0x0021, Sip4)),
        new("ppp-hdlc-cisco", LinkTypes.PppHdlc, CiscoHdlc(0x0800, Sip4)),
        new("ppp-with-dir", LinkTypes.PppWithDirection, [1, .. PppHdlc(0x0021, Sip4)]),
        new("ppp-ether", LinkTypes.PppEther, [0x11, 0x00, 0x00, 0x2a, 0x00, (byte)(Sip4.Length + 2), 0x00, 0x21, .. Sip4]),
        new("c-hdlc", LinkTypes.CiscoHdlc, CiscoHdlc(0x0800, Sip4)),
        new("c-hdlc-ipv6", LinkTypes.CiscoHdlc, CiscoHdlc(0x86DD, Sip6), V6: true),
        new("c-hdlc-with-dir", LinkTypes.CiscoHdlcWithDirection, [0, .. CiscoHdlc(0x0800, Sip4)], TsharkReads: false),
        new("pktap-ethernet", LinkTypes.Pktap, Pktap(LinkTypes.Ethernet, EthernetSip4)),
        new("pktap-null", LinkTypes.Pktap, Pktap(LinkTypes.Null, [2, 0, 0, 0, .. Sip4])),
        new("raw-ipv4", LinkTypes.Ipv4, Sip4),
        new("raw-ipv6", LinkTypes.Ipv6, Sip6, V6: true),
        new("raw-101", LinkTypes.Raw, Sip4),
        new("raw-12", LinkTypes.RawOpenBsd, Sip4),
        new("raw-14", LinkTypes.RawBsdi, Sip6, V6: true),
        new("null", LinkTypes.Null, [2, 0, 0, 0, .. Sip4]),
        new("loop", LinkTypes.Loop, [0, 0, 0, 2, .. Sip4]),
        new("linux-sll", LinkTypes.LinuxSll, [0, 0, 0, 1, 0, 6, .. SourceMac, 0, 0, 0x08, 0x00, .. Sip4]),
        new("linux-sll2", LinkTypes.LinuxSll2, [0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, .. SourceMac, 0, 0, .. Sip4]),
        new("qinq", LinkTypes.Ethernet, Ethernet(0x0800, Sip4, 100, 200)),
        new("mpls", LinkTypes.Ethernet, Ethernet(0x8847, [0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40, .. Sip4])),
        new("ip-in-ip", LinkTypes.Ethernet, Ethernet(0x0800, Ipv4(4, "192.0.2.1", "192.0.2.2", Sip4))),
        new("gre", LinkTypes.Ethernet, Ethernet(0x0800, Ipv4(47, "192.0.2.1", "192.0.2.2", [0, 0, 0x08, 0x00, .. Sip4]))),
        new("erspan-ii", LinkTypes.Ethernet, Ethernet(0x0800, Ipv4(47, "192.0.2.1", "192.0.2.2",
            [0x10, 0, 0x88, 0xBE, 0, 0, 0, 1, 0x10, 0x07, 0, 0, 0, 0, 0, 0, .. EthernetSip4]))),
        new("erspan-iii", LinkTypes.Ethernet, Ethernet(0x0800, Ipv4(47, "192.0.2.1", "192.0.2.2",
            [0x10, 0, 0x22, 0xEB, 0, 0, 0, 1, 0x20, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. EthernetSip4]))),
        new("vxlan", LinkTypes.Ethernet, Ethernet(0x0800, Ipv4(17, "192.0.2.1", "192.0.2.2", Udp(49152, 4789, Vxlan(42, EthernetSip4))))),
    ];
}
