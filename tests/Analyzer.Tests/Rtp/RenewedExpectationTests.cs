using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// An SDP that says again what an endpoint's description says (a dialog's re-offers) renews that description — the
/// latest time and frame, the latest place in the eviction order — instead of replacing it with an equal one;
/// one that says something else (another payload map, direction or call) replaces it as before.
/// </summary>
public class RenewedExpectationTests
{
    private static readonly RtpEndpoint Phone = new(NetAddress.Parse("10.0.0.1"), 40000);

    private static SdpMedia Audio(int telephoneEventClock = 8000)
    {
        var media = new SdpMedia { MediaType = "audio", Port = 40000, Protocol = "RTP/AVP" };
        media.RtpMaps[101] = new SdpRtpMap("telephone-event", telephoneEventClock);
        media.RtpMaps[0] = new SdpRtpMap("PCMU", 8000);
        return media;
    }

    private static RtpExpectation Of(RtpEngine engine, RtpEndpoint endpoint) => engine.Expectations.Single(e => e.Endpoint == endpoint);

    [Fact]
    public void A_re_offer_of_the_same_media_renews_the_description_with_the_latest_time_and_frame()
    {
        var engine = new RtpEngine();
        engine.ExpectMedia(Phone, Audio(), SdpDirection.SendRecv, "call-1", 1_000, new FrameRef(0, 1));
        var first = Of(engine, Phone);
        var rtcp = Of(engine, Phone with { Port = 40001 });

        long before = GC.GetAllocatedBytesForCurrentThread();
        var media = Audio();
        for (int i = 2; i <= 1_000; i++) engine.ExpectMedia(Phone, media, SdpDirection.SendRecv, "call-1", i * 1_000, new FrameRef(0, i));
        long perOffer = (GC.GetAllocatedBytesForCurrentThread() - before) / 999;

        Assert.Same(first, Of(engine, Phone));
        Assert.Same(rtcp, Of(engine, Phone with { Port = 40001 }));
        Assert.Equal(1_000_000, first.TimestampNs);
        Assert.Equal(1_000, first.SdpFrame.Frame);
        Assert.Equal(1_000, rtcp.SdpFrame.Frame);
        Assert.Equal(2, engine.Expectations.Count);
        // What is left per re-offer is the payload map read from the SDP to compare (no description, no queue growth).
        Assert.True(perOffer < 200, $"{perOffer} bytes per re-offer");
    }

    [Theory]
    [InlineData("another clock")]
    [InlineData("another direction")]
    [InlineData("another call")]
    public void A_re_offer_that_says_something_else_replaces_the_description(string change)
    {
        var engine = new RtpEngine();
        engine.ExpectMedia(Phone, Audio(), SdpDirection.SendRecv, "call-1", 1_000, new FrameRef(0, 1));
        var first = Of(engine, Phone);
        engine.ExpectMedia(Phone, change == "another clock" ? Audio(telephoneEventClock: 16000) : Audio(),
            change == "another direction" ? SdpDirection.SendOnly : SdpDirection.SendRecv,
            change == "another call" ? "call-2" : "call-1", 2_000, new FrameRef(0, 2));

        var second = Of(engine, Phone);
        Assert.NotSame(first, second);
        Assert.Equal(1_000, first.TimestampNs);
        Assert.Equal(2, second.SdpFrame.Frame);
    }

    [Fact]
    public void A_renewed_description_is_not_the_first_to_go_when_the_table_is_full()
    {
        var engine = new RtpEngine(new RtpEngineOptions { MaxExpectations = 4 });
        var media = new SdpMedia { MediaType = "audio", Port = 40000, Protocol = "RTP/AVP", RtcpMux = true };
        RtpEndpoint At(int n) => new(NetAddress.Parse($"10.0.0.{n}"), 40000);
        for (int n = 1; n <= 4; n++) engine.ExpectMedia(At(n), media, SdpDirection.SendRecv, $"call-{n}", n, new FrameRef(0, n));
        // The first endpoint is offered again, then a fifth comes: the oldest description now is the second's.
        engine.ExpectMedia(At(1), media, SdpDirection.SendRecv, "call-1", 10, new FrameRef(0, 10));
        engine.ExpectMedia(At(5), media, SdpDirection.SendRecv, "call-5", 11, new FrameRef(0, 11));

        Assert.Equal([1, 3, 4, 5], engine.Expectations.Select(e => (int)(e.Endpoint.Address.V4 & 0xFF)).Order());
        Assert.Equal(1, engine.Counters.ExpectationsEvicted);
    }
}
