using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// Media verdicts on field captures that used to cry wolf, each checked against what tshark sees in them.
/// A call that failed after early media (a 183 with SDP, then 480) owes no media, however many stray packets
/// follow; a stream that ran before a re-INVITE moved the media came from the address its SDP named then.
/// </summary>
public class FieldCaptureMediaVerdictTests
{
    [Fact]
    public void A_call_that_failed_after_its_183_gets_no_one_way_audio_error()
    {
        string capture = Fixtures.PublicFile("wireshark-wiki/aaa.pcap");
        var report = PipelineReport.Of(capture).Json;

        // tshark sees the phone's 9 packets, sent after the 480 ended the call; they stay a reported stream.
        var tshark = Assert.Single(TsharkRtpStreams.Run(capture, heuristic: false));
        var stream = Assert.Single(report.GetProperty("rtp_streams").EnumerateArray(), s => (uint)s.GetProperty("ssrc").GetInt64() == tshark.Ssrc);
        Assert.Equal(tshark.Packets, stream.GetProperty("packets").GetInt64());
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("kind").GetString() is "rtp-one-way" or "rtp-no-media");
    }

    // nDPI's trimmed fax call: the mirrored SIP of an SBC's outside leg beside the RTP of its inside legs. Not one
    // datagram but SIP of the outside leg's media endpoints was captured, so its media was not captured here, not
    // blocked; the inside legs' media still gets its verdict (tshark counts the same loss).
    [Fact]
    public void A_call_whose_media_endpoints_had_no_datagram_here_is_not_captured_rather_than_blocked()
    {
        string capture = Fixtures.PublicFile("nDPI/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap");
        const string outside = "SD4909701-9ff11bf72eb4a347c92974d8fbbc2668-ao8o3i1";
        var endpoints = Tshark.Fields(capture, $"sip.Call-ID == \"{outside}\" && sdp", ["sdp.connection_info.address"])
            .Select(f => f[0]).Distinct().ToList();
        Assert.Equal(2, endpoints.Count);
        string nonSip = string.Join(" || ", endpoints.Select(a => $"ip.addr == {a}"));
        Assert.Empty(Tshark.Fields(capture, $"udp && !sip && ({nonSip})", ["frame.number"]));

        var findings = PipelineReport.Of(capture).Json.GetProperty("findings").EnumerateArray().ToList();
        Assert.DoesNotContain(findings, f => f.GetProperty("kind").GetString() == "rtp-no-media");
        var note = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "media-not-captured");
        Assert.Equal(("info", outside), (note.GetProperty("severity").GetString(), note.GetProperty("call_id").GetString()));
        var lossy = Assert.Single(TsharkRtpStreams.Run(capture, heuristic: false), r => r.Lost > 100);
        Assert.Contains(findings, f => f.GetProperty("kind").GetString() == "rtp-loss"
            && f.GetProperty("summary").GetString()!.Contains($"lost {lossy.Lost} of"));
    }

    [Fact]
    public void A_stream_from_the_address_the_sdp_named_before_a_reinvite_is_not_an_unexpected_source()
    {
        string capture = Fixtures.PublicFile("wireshark-wiki/Asterisk_ZFONE_XLITE.pcap");
        var report = PipelineReport.Of(capture).Json;
        var findings = report.GetProperty("findings").EnumerateArray().ToList();

        Assert.DoesNotContain(findings, f => f.GetProperty("kind").GetString() == "rtp-unexpected-source");
        // The real loss tshark counts in the X-Lite's stream is still reported.
        var lossy = Assert.Single(TsharkRtpStreams.Run(capture, heuristic: false), r => r.Lost > 100);
        var loss = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "rtp-loss");
        Assert.Contains($"lost {lossy.Lost} of", loss.GetProperty("summary").GetString());
    }
}
