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
    /// <summary>Every fixture where <c>tshark -Y "sip &amp;&amp; udp"</c> finds SIP (see tests/fixtures/public/SOURCES.md).</summary>
    public static TheoryData<string> UdpFixtures =>
    [
        "PcapPlusPlus/sdp.pcap", "PcapPlusPlus/sip_non_default_port.pcap", "PcapPlusPlus/sip_not_sdp.pcap",
        "PcapPlusPlus/sip_reqs.pcap", "PcapPlusPlus/sip_resp.pcap",
        "heplify/ipip0.pcap", "heplify/rtp_rtcp_sip_ipv4_udp.pcap", "heplify/sip_ipv4_tcp_retrans.pcap",
        "heplify/sip_ipv6_udp.pcap",
        "nDPI/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", "nDPI/fuzz-2006-06-26-2594.pcap", "nDPI/sip_hello.pcapng",
        "packetnet/udp-ip-fragmented.pcap", "sngrep/ipv6frag.pcap",
        "suricata-verify/sip-body-frames/public-cloudshark-sip-s0.pcap",
        "suricata-verify/sip-compact-form/sip_compact_form.pcap",
        "suricata-verify/sip-header-multi-value/sip_header_multi_val.pcap",
        "suricata-verify/sip-options-method/input.pcap", "suricata-verify/sip-pattern-matching/sip.pcap",
        "suricata-verify/sip-sdp/sdp.pcap",
        "wireshark-wiki/Asterisk_ZFONE_XLITE.pcap", "wireshark-wiki/DTMFsipinfo.pcap",
        "wireshark-wiki/MagicJack-_short_call.pcap", "wireshark-wiki/SIP_DTMF2.cap", "wireshark-wiki/aaa.pcap",
        "wireshark-wiki/h223-over-rtp.pcap.gz", "wireshark-wiki/h263-over-rtp.pcap",
        "wireshark-wiki/metasploit-sip-invite-spoof.pcap", "wireshark-wiki/nb6-startup.pcap",
        "wireshark-wiki/nb6-telephone.pcap", "wireshark-wiki/sip-rtp-dvi4.pcap", "wireshark-wiki/sip-rtp-g711.pcap",
        "wireshark-wiki/sip-rtp-g722.pcap", "wireshark-wiki/sip-rtp-g726.pcap", "wireshark-wiki/sip-rtp-g729a.pcap",
        "wireshark-wiki/sip-rtp-gsm.pcap", "wireshark-wiki/sip-rtp-ilbc.pcap", "wireshark-wiki/sip-rtp-lpc.pcap",
        "wireshark-wiki/sip-rtp-opus-hybrid.pcap", "wireshark-wiki/sip-rtp-opus.pcap",
        "wireshark-wiki/sip-rtp-speex.pcap", "wireshark/sip.pcapng",
        "zeek/sip/invalid-content-length.pcap", "zeek/sip/sip-junk-before-request.pcap",
        "zeek/sip/sip-long-request-response-paths.pcap",
    ];

    /// <summary>Frames where tshark's answer is not ours on purpose: fixture → frame → why.</summary>
    private static readonly Dictionary<string, Dictionary<long, string>> Differences = new()
    {
        ["nDPI/fuzz-2006-06-26-2594.pcap"] = new()
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
        string file = Fixtures.Path("public/" + fixture);
        var expected = SipFrameRow.FromTshark(file, "sip && udp");
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
