using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// Every SDP body tshark finds in a SIP message is in the dialog model, at its frame, with the same connection
/// address and first media port, and as offer or answer (RFC 3264): a request's SDP is the offer (an ACK's
/// the answer); a response's is the answer when its request carried SDP, else the offer.
/// </summary>
public class SdpExchangeFixtureTests
{
    [Theory]
    [InlineData("public/wireshark-wiki/sip-rtp-g711.pcap")]
    [InlineData("public/wireshark-wiki/MagicJack-_short_call.pcap")]
    [InlineData("public/heplify/sip_ipv4_tcp.pcap")]
    [InlineData("public/sngrep/ipv6frag.pcap")]
    [InlineData("public/wireshark-wiki/SIP_DTMF2.cap")]
    public void Dialogs_hold_every_SDP_body_as_offer_or_answer(string fixture)
    {
        var engine = SipPipeline.Run(fixture);
        var exchanges = engine.Dialogs.SelectMany(d => d.Sdp).ToDictionary(s => s.Frame.Frame);
        var rows = Tshark.Fields(Fixtures.Path(fixture), "sip && sdp",
            ["frame.number", "sip.Method", "sdp.connection_info.address", "sdp.media.port", "sip.Call-ID", "sip.CSeq"],
            "-n", "-E", "occurrence=f");
        Assert.NotEmpty(rows);
        var requestsWithSdp = rows.Where(r => r[1].Length > 0).Select(r => (r[4], r[5])).ToHashSet();
        foreach (var row in rows)
        {
            long frame = long.Parse(row[0]);
            Assert.True(exchanges.TryGetValue(frame, out var sdp), $"no SDP exchange for frame {frame}");
            string address = sdp!.Sdp.Media[0].ConnectionAddress ?? sdp.Sdp.ConnectionAddress ?? "";
            Assert.Equal(row[2], address);
            Assert.Equal(int.Parse(row[3]), sdp.Sdp.Media[0].Port);
            string expected = row[1] switch
            {
                "ACK" => "answer",
                { Length: > 0 } => "offer",
                _ => requestsWithSdp.Contains((row[4], row[5])) ? "answer" : "offer",
            };
            Assert.Equal(expected, sdp.Kind);
        }
    }
}
