using PcapSipAnalyzer.Protocols.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Sip;

/// <summary>
/// Per-frame agreement with tshark for SIP over UDP: every UDP payload of a fixture goes through
/// <see cref="SipParser"/> (SIP found by content, on any port); the frames where it finds a message and their
/// Call-ID, CSeq, method and status must be tshark's. The packets come from SharpPcap/PacketDotNet, not from
/// our own reader and decoder. Frames where we deliberately differ are listed with the reason.
/// </summary>
public class SipParserTsharkTests
{
    /// <summary>
    /// Every fixture where <c>tshark -Y "sip &amp;&amp; udp"</c> finds SIP (tests/fixtures/public/SOURCES.md, tests/lab/README.md), relative to tests/fixtures.
    /// Not here: heplify/sip_sctp.pcap (SIP over SCTP is not decoded), wireshark-wiki/c07-sip-r2.cap (NetMon
    /// format, not pcap: libpcap cannot read it to compare); the TCP ones are in the Analyzer tests.
    /// </summary>
    public static TheoryData<string> UdpFixtures =>
    [
        "public/PcapPlusPlus/sdp.pcap", "public/PcapPlusPlus/sip_non_default_port.pcap", "public/PcapPlusPlus/sip_not_sdp.pcap",
        "public/PcapPlusPlus/sip_reqs.pcap", "public/PcapPlusPlus/sip_resp.pcap",
        "public/heplify/erspan_sip_ipv4_udp.pcapng", "public/nDPI/gre.pcapng", "public/heplify/ipip0.pcap", "public/heplify/rtp_rtcp_sip_ipv4_udp.pcap", "public/heplify/sip_ipv4_tcp_retrans.pcap",
        "public/heplify/sip_ipv6_udp.pcap", "public/heplify/sip_tcp_websocket.pcap",
        "public/nDPI/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", "public/nDPI/fuzz-2006-06-26-2594.pcap", "public/nDPI/sip_hello.pcapng",
        "public/packetnet/udp-ip-fragmented.pcap", "public/sngrep/ipv6frag.pcap",
        "public/suricata-verify/sip-body-frames/public-cloudshark-sip-s0.pcap",
        "public/suricata-verify/sip-compact-form/sip_compact_form.pcap",
        "public/suricata-verify/sip-header-multi-value/sip_header_multi_val.pcap",
        "public/suricata-verify/sip-options-method/input.pcap", "public/suricata-verify/sip-pattern-matching/sip.pcap",
        "public/suricata-verify/sip-sdp/sdp.pcap",
        "public/wireshark-wiki/Asterisk_ZFONE_XLITE.pcap", "public/wireshark-wiki/DTMFsipinfo.pcap",
        "public/wireshark-wiki/MagicJack-_short_call.pcap", "public/wireshark-wiki/SIP_DTMF2.cap", "public/wireshark-wiki/aaa.pcap",
        "public/wireshark-wiki/h223-over-rtp.pcap.gz", "public/wireshark-wiki/h263-over-rtp.pcap",
        "public/wireshark-wiki/metasploit-sip-invite-spoof.pcap", "public/wireshark-wiki/nb6-startup.pcap",
        "public/wireshark-wiki/nb6-telephone.pcap", "public/wireshark-wiki/sip-rtp-dvi4.pcap", "public/wireshark-wiki/sip-rtp-g711.pcap",
        "public/wireshark-wiki/sip-rtp-g722.pcap", "public/wireshark-wiki/sip-rtp-g726.pcap", "public/wireshark-wiki/sip-rtp-g729a.pcap",
        "public/wireshark-wiki/sip-rtp-gsm.pcap", "public/wireshark-wiki/sip-rtp-ilbc.pcap", "public/wireshark-wiki/sip-rtp-lpc.pcap",
        "public/wireshark-wiki/sip-rtp-opus-hybrid.pcap", "public/wireshark-wiki/sip-rtp-opus.pcap",
        "public/wireshark-wiki/sip-rtp-speex.pcap", "public/wireshark/sip.pcapng",
        "public/zeek/sip/invalid-content-length.pcap", "public/zeek/sip/sip-junk-before-request.pcap",
        "public/zeek/sip/sip-long-request-response-paths.pcap",
        // Our lab captures (tests/lab, made with kamailio and sipp in network namespaces).
        "lab/alg/pbx-uplink.pcap", "lab/alg/router1.pcapng",
        "lab/auth-answer-lost/pbx-uplink.pcap", "lab/auth-answer-lost/router1.pcapng",
        "lab/genuine-wrong-password/pbx-uplink.pcap", "lab/genuine-wrong-password/router1.pcapng",
        "lab/healthy/pbx-uplink.pcap", "lab/healthy/router1.pcapng",
        "lab/no-route/pbx-uplink.pcap", "lab/no-route/router1.pcapng",
        "lab/one-way-audio/pbx-uplink.pcap", "lab/one-way-audio/router1.pcapng",
        "lab/wrong-gateway-drop-vlan/pbx-uplink.pcap", "lab/wrong-gateway-drop/pbx-uplink.pcap",
        "lab/wrong-gateway-drop/router1.pcapng", "lab/wrong-gateway-forward/pbx-uplink.pcap",
        "lab/wrong-gateway-forward/router1.pcapng", "lab/wrong-gateway-redirect/pbx-uplink.pcap",
        "lab/wrong-gateway-redirect/router1.pcapng",
        "lab/media-bypass/pbx-uplink.pcap", "lab/media-bypass/router1.pcapng",
        "lab/route-change-refresh/pbx-uplink.pcap", "lab/route-change-refresh/router1.pcapng",
        "lab/scan-during-fault/pbx-uplink.pcap", "lab/scan-during-fault/router1.pcapng",
        "lab/two-subnets-two-gateways/pbx-uplink.pcap", "lab/two-subnets-two-gateways/router1.pcapng",
        "lab/late-retransmission-400/pbx-uplink.pcap", "lab/late-retransmission-400/router1.pcapng",
    ];

    /// <summary>Frames where tshark's answer is not ours on purpose: fixture → frame → why.</summary>
    private static readonly Dictionary<string, Dictionary<long, string>> Differences = new()
    {
        ["public/nDPI/fuzz-2006-06-26-2594.pcap"] = new()
        {
            [155] = "CSeq number fuzzed to '%s': tshark shows the raw text, we keep the method and no number (-1)",
            [550] = "CSeq number fuzzed to a control byte: as frame 155",
            [182] = "Call-ID holds a NUL byte: tshark's string ends there, ours keeps the whole value",
            [247] = "Call-ID ends in a NUL byte: as frame 182 (and a bare CR ends the request line, which both accept)",
            [266] = "a fuzzed VT byte instead of CRLF joins CSeq and Content-Length on one line: tshark cuts the value at the VT",
            [527] = "CSeq method followed by 300 0xAA bytes: tshark shows them as U+FFFD up to its field limit, ours to the line end",
        },
    };

    [Theory]
    [MemberData(nameof(UdpFixtures))]
    public void EveryUdpFrameMatchesTshark(string fixture)
    {
        string file = Fixtures.PathOf(fixture);
        // SIP quoted inside ICMP errors is tshark's too, but it is no message that travelled: left out here.
        var expected = SipFrameRow.FromTshark(file, "sip && udp && !icmp && !icmpv6");
        var actual = new SortedDictionary<long, SipFrameRow>();
        foreach (var packet in FixturePackets.Read(file))
        {
            if (!packet.IsUdp || !SipParser.TryParse(packet.Payload, out var message)) continue;
            actual[packet.FrameNumber] = SipFrameRow.FromMessages(packet.FrameNumber, [message!]);
        }
        var skip = Differences.GetValueOrDefault(fixture) ?? new Dictionary<long, string>();
        var mismatches = new List<string>();
        foreach (long frame in expected.Keys.Union(actual.Keys).Where(f => !skip.ContainsKey(f)).Order())
        {
            string want = expected.TryGetValue(frame, out var e) ? e.ToString() : $"{frame}\t(not SIP)";
            string got = actual.TryGetValue(frame, out var a) ? a.ToString() : $"{frame}\t(not SIP)";
            if (want != got) mismatches.Add($"tshark {want}\n  ours {got}");
        }
        Assert.True(mismatches.Count == 0, $"{fixture}: {mismatches.Count} frames differ\n" + string.Join("\n", mismatches.Take(20)));
        Assert.NotEmpty(actual.Keys.Union(expected.Keys));
    }
}
