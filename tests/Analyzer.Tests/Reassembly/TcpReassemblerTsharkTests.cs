using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

/// <summary>
/// SIP over TCP, per frame, against tshark: each message framed by <c>TcpReassembler</c> is reported in the
/// frame of the segment that completed it, as Wireshark reports a reassembled PDU; several messages in one
/// segment are listed together. Call-ID, CSeq, method and status must be tshark's for every frame.
/// </summary>
public class TcpReassemblerTsharkTests
{
    /// <summary>
    /// The fixtures with SIP over TCP (tests/fixtures/public/SOURCES.md) and the "decode as" tshark needs.
    /// Not here: heplify/sip_tcp_websocket.pcap (its 11 SIP messages inside WebSocket frames on TCP 8080: no
    /// WebSocket deframing yet; its 28 UDP messages are compared in the Protocols tests),
    /// nDPI/http_on_sip_port.pcap (HTTP on 5060; see <c>HttpOnTheSipPortIsNotSip</c>).
    /// </summary>
    public static TheoryData<string, string> TcpFixtures => new()
    {
        { "public/heplify/sip_ipv4_tcp.pcap", "" },
        { "public/heplify/sip_ipv4_tcp_retrans.pcap", "" },
        { "public/heplify/sip_ipv4_tcp_fragmented.pcap", "tcp.port==6060,sip" },
        { "public/suricata-verify/sip-tcp-method/sip-tcp.pcap", "" },
        { "public/suricata-verify/sip-body-large/sip-body-large.pcap", "" },
        { "public/suricata-verify/sip-tcp-pattern-matching/sip.pcap", "" },
        { "public/sngrep/ipip.pcap", "" },
        // Our lab captures (tests/lab): SIP over TCP split, coalesced and retransmitted by the sender on purpose.
        { "lab/tcp-segments/pbx-uplink.pcap", "" },
        { "lab/tcp-segments/router1.pcapng", "" },
        { "lab/tcp-wrong-gateway-drop/pbx-uplink.pcap", "" },
        { "lab/alg/pbx-uplink.pcap", "" },
        { "lab/alg/router1.pcapng", "" },
        { "lab/auth-answer-lost/pbx-uplink.pcap", "" },
        { "lab/auth-answer-lost/router1.pcapng", "" },
        { "lab/genuine-wrong-password/pbx-uplink.pcap", "" },
        { "lab/genuine-wrong-password/router1.pcapng", "" },
        { "lab/healthy/pbx-uplink.pcap", "" },
        { "lab/healthy/router1.pcapng", "" },
        { "lab/wrong-gateway-forward/pbx-uplink.pcap", "" },
        { "lab/wrong-gateway-forward/router1.pcapng", "" },
    };

    /// <summary>
    /// A capture with several interfaces (router 1 on both legs) holds each segment once per leg. We track a
    /// connection per capture point, tshark across the file (it calls the second copy a retransmission and
    /// shows no SIP in it), so each interface is compared on its own: split out with tshark, then both read.
    /// </summary>
    [Theory]
    [MemberData(nameof(TcpFixtures))]
    public void EveryTcpFrameMatchesTshark(string fixture, string decodeAs)
    {
        foreach (string file in Tshark.SplitByInterface(Fixtures.PathOf(fixture)))
        {
            var expected = decodeAs.Length > 0
                ? SipFrameRow.FromTshark(file, "sip && tcp", "-d", decodeAs)
                : SipFrameRow.FromTshark(file, "sip && tcp");
            var feed = TcpFixtureFeed.RunFile(file);
            var mismatches = new List<string>();
            foreach (long frame in expected.Keys.Union(feed.MessagesByFrame.Keys).Order())
            {
                string want = expected.TryGetValue(frame, out var e) ? e.ToString() : $"{frame}\t(not SIP)";
                string got = feed.MessagesByFrame.TryGetValue(frame, out var m) ? SipFrameRow.FromMessages(frame, m).ToString() : $"{frame}\t(not SIP)";
                if (want != got) mismatches.Add($"tshark {want}\n  ours {got}");
            }
            Assert.True(mismatches.Count == 0, $"{fixture}: {mismatches.Count} frames differ\n" + string.Join("\n", mismatches.Take(20)));
            Assert.Equal(0, feed.Unparsable);
            int tsharkMessages = expected.Values.Sum(r => r.CSeqs.Split(',').Length);
            Assert.Equal(tsharkMessages, feed.MessageCount);
            Assert.Equal(0, feed.Reassembler.Counters.TruncatedAtClose);
        }
    }
}
