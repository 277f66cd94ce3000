using System.Text;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// A payload map holds only the dynamic types its SDP mapped (it lives as long as the call's streams and SDP
/// endpoints, so its size is paid per call): the same names and clocks as a table over all 32 dynamic types, one
/// shared map for every SDP that mapped none, and a later rtpmap of a type replacing the earlier one.
/// </summary>
public class RtpPayloadMapTests
{
    private static SdpMedia Media(string lines)
    {
        var sdp = "v=0\r\nc=IN IP4 10.0.0.1\r\n" + lines;
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(sdp), out var session));
        return session!.Media.Single();
    }

    [Fact]
    public void Sdps_without_dynamic_types_share_one_map_that_nothing_can_change()
    {
        var first = RtpPayloadMap.From(Media("m=audio 4000 RTP/AVP 8 0\r\n"));
        var second = RtpPayloadMap.From(Media("m=audio 4002 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n"));

        Assert.Same(first, second);
        Assert.Null(first.Name(101));
        Assert.Equal(0, first.ClockRate(101));
        Assert.Equal(8000, RtpPayloadMap.ClockRateOf(8, first));
        Assert.Throws<InvalidOperationException>(() => first.Set(96, "opus", 48000));
    }

    [Fact]
    public void Each_mapped_type_keeps_its_name_and_clock_and_no_other_type_has_one()
    {
        var map = RtpPayloadMap.From(Media(
            "m=audio 4000 RTP/AVP 8 96 101\r\na=rtpmap:96 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n"));

        Assert.NotSame(map, RtpPayloadMap.From(Media("m=audio 4000 RTP/AVP 8\r\n")));
        Assert.Equal("opus", map.Name(96));
        Assert.Equal(48000, map.ClockRate(96));
        Assert.Equal("telephone-event", map.Name(101));
        Assert.Equal(0, map.ClockRate(101)); // events: no jitter
        for (int pt = 97; pt < 128; pt++)
        {
            if (pt == 101) continue;
            Assert.Null(map.Name(pt));
            Assert.Equal(0, map.ClockRate(pt));
        }
        Assert.Equal("opus", RtpPayloadMap.NameOf(96, map));
        Assert.Equal("rtpevent", RtpPayloadMap.NameOf(101, RtpPayloadMap.From(Media("m=audio 4000 RTP/AVP 101\r\n"))));
    }

    [Fact]
    public void A_later_mapping_of_a_type_replaces_the_earlier_one_and_static_or_out_of_range_types_are_ignored()
    {
        var map = new RtpPayloadMap();
        map.Set(96, "opus", 48000);
        map.Set(97, "AMR-WB", 16000);
        map.Set(96, "speex", 16000);
        map.Set(8, "x-not-pcma", 12345);
        map.Set(128, "x-out-of-range", 12345);
        map.Set(-1, "x-negative", 12345);

        Assert.Equal("speex", map.Name(96));
        Assert.Equal(16000, map.ClockRate(96));
        Assert.Equal("AMR-WB", map.Name(97));
        Assert.Null(map.Name(8));
        Assert.Equal(8000, RtpPayloadMap.ClockRateOf(8, map));
        Assert.Null(map.Name(128));
    }
}
