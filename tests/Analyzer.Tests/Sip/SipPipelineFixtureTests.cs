using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// Our parser, TCP reassembly and engine together over real captures: requests per method, responses per
/// status and resent messages must equal <c>tshark -q -z sip,stat</c>.
/// </summary>
public class SipPipelineFixtureTests
{
    [Theory]
    [InlineData("public/wireshark-wiki/aaa.pcap")]
    [InlineData("public/wireshark-wiki/Asterisk_ZFONE_XLITE.pcap")]
    [InlineData("public/wireshark-wiki/DTMFsipinfo.pcap")]
    [InlineData("public/wireshark-wiki/MagicJack-_short_call.pcap")]
    [InlineData("public/wireshark-wiki/SIP_DTMF2.cap")]
    [InlineData("public/wireshark-wiki/sip-rtp-g711.pcap")]
    [InlineData("public/wireshark-wiki/sip-rtp-g726.pcap")]
    [InlineData("public/wireshark-wiki/nb6-startup.pcap")]
    [InlineData("public/wireshark-wiki/nb6-telephone.pcap")]
    [InlineData("public/heplify/rtp_rtcp_sip_ipv4_udp.pcap")]
    [InlineData("public/heplify/sip_ipv6_udp.pcap")]
    [InlineData("public/heplify/sip_ipv4_tcp.pcap")]
    [InlineData("public/heplify/sip_ipv4_tcp_retrans.pcap")]
    [InlineData("public/heplify/ipip0.pcap")]
    [InlineData("public/sngrep/ipv6frag.pcap")]
    [InlineData("public/packetnet/udp-ip-fragmented.pcap")]
    [InlineData("public/suricata-verify/sip-tcp-method/sip-tcp.pcap")]
    [InlineData("public/heplify/sip_ipv4_tcp_fragmented.pcap", "tcp.port==6060,sip")]
    public void Counts_equal_tshark_sip_stat(string fixture, string? decodeAs = null)
    {
        var engine = SipPipeline.Run(fixture);
        // tshark finds SIP on 5060 and by heuristics; we find it by content on any port.
        var expected = decodeAs is null
            ? TsharkSipStat.Read(Fixtures.Path(fixture))
            : TsharkSipStat.Read(Fixtures.Path(fixture), "-d", decodeAs);
        var stats = engine.Statistics;
        Assert.Equal(expected.Requests.OrderBy(p => p.Key), stats.Requests.OrderBy(p => p.Key));
        Assert.Equal(expected.Responses.OrderBy(p => p.Key), stats.Responses.OrderBy(p => p.Key));
        Assert.Equal(expected.Messages, stats.Messages);
        Assert.Equal(expected.Resent, stats.Retransmissions);
        Assert.DoesNotContain(stats.Anomalies.Keys, k => k.StartsWith("engine-error", StringComparison.Ordinal));
        Assert.Equal(0, engine.LiveTransactions);
        Assert.Equal(0, engine.LiveDialogs);
    }

    [Theory]
    [InlineData("public/wireshark-wiki/aaa.pcap")]
    [InlineData("public/wireshark-wiki/Asterisk_ZFONE_XLITE.pcap")]
    [InlineData("public/wireshark-wiki/DTMFsipinfo.pcap")]
    [InlineData("public/wireshark-wiki/SIP_DTMF2.cap")]
    [InlineData("public/heplify/rtp_rtcp_sip_ipv4_udp.pcap")]
    [InlineData("public/sngrep/ipv6frag.pcap")]
    public void Responses_pair_with_the_requests_tshark_pairs_them_with(string fixture)
    {
        var engine = SipPipeline.Run(fixture);
        var rows = Tshark.Fields(Fixtures.Path(fixture), "sip", ["frame.number", "sip.Method", "sip.CSeq.method", "sip.response-request"],
            "-n", "-E", "occurrence=f");
        var methodByFrame = rows.Where(r => r[1].Length > 0).ToDictionary(r => long.Parse(r[0]), r => r[1]);
        var transactionOfResponse = engine.Transactions
            .SelectMany(t => t.Responses.SelectMany(g => g.Frames).Select(f => (f.Frame, t)))
            .ToDictionary(p => p.Frame, p => p.t);
        int compared = 0;
        foreach (var row in rows.Where(r => r[3].Length > 0))
        {
            long response = long.Parse(row[0]), request = long.Parse(row[3]);
            // tshark pairs by Call-ID and CSeq number only (a 408 to an INVITE can land on a CANCEL): skip those.
            if (methodByFrame.GetValueOrDefault(request) != row[2]) continue;
            Assert.Contains(request, transactionOfResponse[response].RequestFrames.Select(f => f.Frame));
            compared++;
        }
        Assert.True(compared > 0);
    }

    [Fact]
    public void Registrations_in_aaa_pcap_through_our_parser_match_the_tshark_dissection()
    {
        var ours = SipPipeline.Run("public/wireshark-wiki/aaa.pcap");
        var reference = new SipEngine();
        TsharkSipMessages.Feed(Fixtures.Path("public/wireshark-wiki/aaa.pcap"), reference);

        static IEnumerable<string> Describe(SipEngine e) => e.Registrations.Select(r =>
            $"{r.Aor} {r.CallId} {r.Steps[0].FirstFrame.Frame} {r.Outcome} {r.FinalStatus} {r.GrantedExpires} {r.Username}");
        Assert.Equal(9, ours.Registrations.Count);
        Assert.Equal(Describe(reference), Describe(ours));
        Assert.Equal(
            reference.Transactions.Select(t => $"{t.Method} {t.CSeq} {t.Outcome} {t.FinalStatus} {t.Retransmissions}"),
            ours.Transactions.Select(t => $"{t.Method} {t.CSeq} {t.Outcome} {t.FinalStatus} {t.Retransmissions}"));
    }
}
