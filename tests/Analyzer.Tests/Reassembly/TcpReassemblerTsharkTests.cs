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
    /// Not here: heplify/sip_tcp_websocket.pcap (SIP inside WebSocket frames: no WebSocket decoding yet),
    /// nDPI/http_on_sip_port.pcap (HTTP on 5060; see <c>HttpOnTheSipPortIsNotSip</c>).
    /// </summary>
    public static TheoryData<string, string> TcpFixtures => new()
    {
        { "heplify/sip_ipv4_tcp.pcap", "" },
        { "heplify/sip_ipv4_tcp_retrans.pcap", "" },
        { "heplify/sip_ipv4_tcp_fragmented.pcap", "tcp.port==6060,sip" },
        { "suricata-verify/sip-tcp-method/sip-tcp.pcap", "" },
        { "suricata-verify/sip-body-large/sip-body-large.pcap", "" },
        { "suricata-verify/sip-tcp-pattern-matching/sip.pcap", "" },
        { "sngrep/ipip.pcap", "" },
    };

    [Theory]
    [MemberData(nameof(TcpFixtures))]
    public void EveryTcpFrameMatchesTshark(string fixture, string decodeAs)
    {
        string file = Fixtures.Path("public/" + fixture);
        var expected = decodeAs.Length > 0
            ? SipFrameRow.FromTshark(file, "sip && tcp", "-d", decodeAs)
            : SipFrameRow.FromTshark(file, "sip && tcp");
        var feed = TcpFixtureFeed.Run(fixture);
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
