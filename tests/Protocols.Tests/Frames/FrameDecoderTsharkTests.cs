using System.Globalization;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>
/// Differential test against tshark on every public capture libpcap reads: packets come from libpcap, our decoder
/// decodes them, tshark decodes the same file, and every field both decode must agree. tshark decodes what
/// PacketDotNet does not (SLL2, tunnels, ICMP quotes, ND), so this covers every layer of the decoder.
/// IP reassembly is turned off so tshark, like the decoder, shows each fragment's own headers.
/// </summary>
public class FrameDecoderTsharkTests
{
    private static readonly string[] Fields =
    [
        "frame.number", "frame.cap_len", "frame.protocols", "ieee8021ad.id", "eth.src", "eth.dst", "vlan.id", "ip.src", "ip.dst", "ip.ttl", "ip.proto", "ip.id",
        "ip.flags.mf", "ip.frag_offset", "ipv6.src", "ipv6.dst", "ipv6.hlim", "ipv6.fraghdr.offset",
        "ipv6.fraghdr.more", "ipv6.fraghdr.ident", "udp.srcport", "udp.dstport", "tcp.srcport", "tcp.dstport",
        "tcp.flags", "icmp.type", "icmp.code", "icmp.redir_gw", "icmpv6.type", "icmpv6.code",
        "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.hw_mac", "arp.dst.proto_ipv4",
        "sll.src.eth", "icmpv6.nd.ns.target_address", "icmpv6.nd.na.target_address", "icmpv6.opt.linkaddr",
    ];

    private static readonly string[] Options = ["-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE"];

    [Theory]
    [MemberData(nameof(DecodeCorpus.LibpcapReadable), MemberType = typeof(DecodeCorpus))]
    public void DecodedFieldsAgreeWithTshark(string file)
    {
        string path = Fixtures.PublicFile(file);
        var packets = LibpcapCapture.ReadAll(path);
        var rows = Tshark.Fields(path, Options, Fields);
        // libpcap stops at a second pcapng section or an interface of another link type; tshark reads on.
        // Rows are paired in order by captured length; a row tshark has and libpcap lacks (pcapng-test-generator
        // test018) is skipped. libpcap clamps caplen to the file's snaplen (zeek/trunc/trunc-hdr.pcap: 1 byte
        // where tshark has 8), so a shorter libpcap packet pairs with the row in its place.
        Assert.True(rows.Count >= packets.Count, $"tshark read {rows.Count} packets, libpcap {packets.Count}");

        var mismatches = new List<string>();
        var frame = new DecodedFrame();
        int r = 0;
        for (int i = 0; i < packets.Count; i++, r++)
        {
            string length = packets[i].Data.Length.ToString(CultureInfo.InvariantCulture);
            while (r + 1 < rows.Count && new TsharkRow(Fields, rows[r]).First("frame.cap_len") != length
                   && new TsharkRow(Fields, rows[r + 1]).First("frame.cap_len") == length)
                r++;
            Assert.True(r < rows.Count, $"no tshark row for libpcap packet {i + 1}");
            var row = new TsharkRow(Fields, rows[r]);
            FrameDecoder.Decode(packets[i].LinkType, packets[i].Data, ref frame);
            new FrameComparison(r + 1, row, frame, mismatches).Run();
        }
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} mismatches in {file}:\n" + string.Join("\n", mismatches.Take(25)));
    }
}

/// <summary>One tshark row: each field's occurrences (a tunnel or an ICMP quote repeats a field).</summary>
internal sealed class TsharkRow(string[] names, string[] values)
{
    public IReadOnlyList<string> All(string field)
    {
        int index = Array.IndexOf(names, field);
        string value = index < values.Length ? values[index] : "";
        return value.Length == 0 ? [] : value.Split(',');
    }

    public string? First(string field) => All(field) is { Count: > 0 } all ? all[0] : null;

    public string? Last(string field) => All(field) is { Count: > 0 } all ? all[^1] : null;

    public static long Number(string text) => text.StartsWith("0x", StringComparison.Ordinal)
        ? long.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        : long.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>VLAN ids outermost first: 802.1ad tags are ieee8021ad.id, 802.1Q ones vlan.id.</summary>
    public List<string> VlanIds()
    {
        var ids = new List<string>();
        var serviceTags = All("ieee8021ad.id");
        var customerTags = All("vlan.id");
        int service = 0, customer = 0;
        foreach (var protocol in (First("frame.protocols") ?? "").Split(':'))
        {
            if (protocol == "ieee8021ad" && service < serviceTags.Count)
                ids.Add(serviceTags[service++]);
            else if (protocol == "vlan" && customer < customerTags.Count)
                ids.Add(customerTags[customer++]);
        }
        return ids;
    }
}
