using System.Text;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// The clock each payload type's timestamps run at, from an SDP media section to the rate the jitter is computed
/// with: static types by RFC 3551 whatever an rtpmap claims (G.722 runs at 8000 Hz on the wire although it samples
/// at 16 kHz), dynamic types by their rtpmap, unusable rtpmap rates by the encoding's usual rate, else 8000 Hz;
/// RFC 4733 events and unmapped dynamic types get none (0: no jitter, as Wireshark).
/// </summary>
public class PayloadClockRateTableTests
{
    [Theory]
    [InlineData(0, null, 8000)]                            // PCMU
    [InlineData(3, null, 8000)]                            // GSM
    [InlineData(6, null, 16000)]                           // DVI4 16 kHz
    [InlineData(8, "PCMA/8000", 8000)]
    [InlineData(9, "G722/8000", 8000)]
    [InlineData(9, "G722/16000", 8000)]                    // the sampling rate, wrongly given: the wire clock stays
    [InlineData(10, null, 44100)]                          // L16 stereo
    [InlineData(14, null, 90000)]                          // MPA
    [InlineData(16, null, 11025)]
    [InlineData(17, null, 22050)]
    [InlineData(18, "G729/8000", 8000)]
    [InlineData(34, null, 90000)]                          // H.263
    [InlineData(20, null, 0)]                              // unassigned
    [InlineData(96, "opus/48000/2", 48000)]
    [InlineData(97, "AMR-WB/16000/1", 16000)]
    [InlineData(98, "H264/90000", 90000)]
    [InlineData(99, "telephone-event/8000", 0)]            // event timestamps stand still: no jitter
    [InlineData(100, "telephone-event/48000", 0)]
    [InlineData(101, "L16/44100", 44100)]
    [InlineData(102, "opus/0", 48000)]                     // unusable: the encoding's usual rate
    [InlineData(103, "opus/500", 48000)]
    [InlineData(104, "speex/999", RtpPayloadMap.DefaultClockRate)]
    [InlineData(105, "x-unknown/0", RtpPayloadMap.DefaultClockRate)]
    [InlineData(106, "x-unknown/2000000", RtpPayloadMap.DefaultClockRate)]
    [InlineData(107, null, 0)]                             // dynamic, never mapped
    public void Every_payload_type_gets_its_clock(int payloadType, string? rtpmap, int expected)
    {
        var sdp = $"v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP {payloadType}\r\n"
            + (rtpmap is null ? "" : $"a=rtpmap:{payloadType} {rtpmap}\r\n");
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(sdp), out var session));
        var map = RtpPayloadMap.From(session!.Media.Single());

        Assert.Equal(expected, RtpPayloadMap.ClockRateOf(payloadType, map));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(int.MaxValue)]
    public void A_stream_with_an_unusable_rtpmap_rate_gets_finite_jitter_at_the_default_clock(int rate)
    {
        var map = new RtpPayloadMap();
        map.Set(96, "x-unknown", rate);
        var stats = new RtpStreamStatistics();
        for (int i = 0; i < 50; i++)
            stats.Add(i * 20.0 + (i % 3), (ushort)i, (uint)(i * 160), 96, false, RtpPayloadMap.ClockRateOf(96, map));

        Assert.Equal(RtpPayloadMap.DefaultClockRate, stats.ClockRate);
        Assert.True(double.IsFinite(stats.MaxJitter) && stats.MaxJitter > 0, $"max jitter {stats.MaxJitter}");
    }
}
