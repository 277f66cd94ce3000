using PacketDotNet;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>
/// Frames and layers where PacketDotNet 1.4.8 is known to be wrong or not to decode; tshark agrees with the
/// decoder on all of them (FrameDecoderTsharkTests).
/// </summary>
internal static class Skip
{
    /// <summary>
    /// PacketDotNet has no LINKTYPE_IPV4/IPV6 (228/229) nor the BSD raw values 12/14: they are raw IP, so it is
    /// given LinkLayers.Raw for them.
    /// </summary>
    public static LinkLayers ReferenceLinkType(int linkType) =>
        linkType is LinkTypes.Ipv4 or LinkTypes.Ipv6 or LinkTypes.RawOpenBsd or LinkTypes.RawBsdi
            ? LinkLayers.Raw
            : (LinkLayers)linkType;

    /// <summary>NFLOG (239) and NETLINK (253): neither PacketDotNet nor the decoder decodes them.</summary>
    public static readonly HashSet<int> LinkTypesNeitherDecodes = [239, 253];

    /// <summary>
    /// Files where PacketDotNet throws on every frame: headers cut by the snaplen, and BSD loopback files whose
    /// family it rejects ("Protocol of 15 is not implemented").
    /// </summary>
    public static readonly HashSet<string> FilesPacketDotNetCannotParse =
    [
        "zeek/trunc/ip4-trunc.pcap", "zeek/trunc/ip6-trunc.pcap", "zeek/trunc/trunc-hdr.pcap",
        "zeek/trunc/ip-discarder-truncated-tcp-oob.pcapng", "PcapPlusPlus/NullLoopback.pcap",
        "PcapPlusPlus/null_loopback.pcap",
    ];

    /// <summary>
    /// Tunnelled frames: the decoder reports the inner packet; PacketDotNet stops at GRE or reports the outer IP.
    /// </summary>
    public static bool Frame(in DecodedFrame frame) => frame.Has(FrameLayers.Tunnel);

    /// <summary>
    /// Transport of a fragment past offset 0: PacketDotNet parses the fragment data as a transport header.
    /// </summary>
    public static bool Transport(in DecodedFrame frame) =>
        frame.Has(FrameLayers.Fragment) && frame.FragmentOffset != 0;
}
