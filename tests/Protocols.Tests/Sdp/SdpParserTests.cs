using System.Text;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Protocols.Tests.Sdp;

public class SdpParserTests
{
    private static SdpSession Parse(string text)
    {
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(text.ReplaceLineEndings("\r\n")), out var session));
        return session!;
    }

    [Fact]
    public void SessionAndMediaLevels()
    {
        var s = Parse("""
            v=0
            o=alice 2890844526 2890844526 IN IP4 192.168.1.20
            s=call
            c=IN IP4 192.168.1.20
            t=0 0
            a=sendonly
            m=audio 49170 RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=rtcp:49171 IN IP4 192.168.1.20
            m=video 51372 RTP/AVPF 96
            c=IN IP4 224.2.1.1/127/3
            a=rtpmap:96 H264/90000
            a=rtcp-mux
            a=inactive
            m=audio 0 RTP/SAVP 111
            a=rtpmap:111 opus/48000/2
            """);
        Assert.Equal("192.168.1.20", s.OriginAddress);
        Assert.Equal("192.168.1.20", s.ConnectionAddress);
        Assert.Equal(SdpDirection.SendOnly, s.Direction);
        Assert.Equal(3, s.Media.Length);

        var audio = s.Media[0];
        Assert.Equal("audio", audio.MediaType);
        Assert.Equal(49170, audio.Port);
        Assert.Equal("RTP/AVP", audio.Protocol);
        Assert.Equal<int>([0, 8, 101], audio.PayloadTypes);
        Assert.Null(audio.ConnectionAddress);
        Assert.Null(audio.Direction);
        Assert.Equal(new SdpRtpMap("PCMA", 8000), audio.RtpMaps[8]);
        Assert.Equal(new SdpRtpMap("telephone-event", 8000), audio.RtpMaps[101]);
        Assert.Equal(49171, audio.RtcpPort);
        Assert.False(audio.RtcpMux);

        var video = s.Media[1];
        Assert.Equal("224.2.1.1", video.ConnectionAddress);
        Assert.Equal(90000, video.RtpMaps[96].ClockRate);
        Assert.True(video.RtcpMux);
        Assert.Equal(SdpDirection.Inactive, video.Direction);

        Assert.Equal(0, s.Media[2].Port);
        Assert.Equal(new SdpRtpMap("opus", 48000, 2), s.Media[2].RtpMaps[111]);
    }

    [Fact]
    public void Ipv6AndT38()
    {
        var s = Parse("""
            v=0
            o=- 0 0 IN IP6 2001:db8::2
            s=-
            t=0 0
            m=image 4002 udptl t38
            c=IN IP6 2001:db8::2
            a=recvonly
            """);
        Assert.Null(s.ConnectionAddress);
        var image = Assert.Single(s.Media);
        Assert.Equal("udptl", image.Protocol);
        Assert.Empty(image.PayloadTypes);
        Assert.Equal("2001:db8::2", image.ConnectionAddress);
        Assert.Equal(SdpDirection.RecvOnly, image.Direction);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("o=- 0 0 IN IP4 1.2.3.4\r\nm=audio 1 RTP/AVP 0\r\n")]
    public void NotSdp(string text) => Assert.False(SdpParser.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Theory]
    [InlineData("v=0\nm=audio 99999 RTP/AVP 0\n")]
    [InlineData("v=0\nm=audio\nm=\na=rtpmap:\na=rtpmap:x y\na=rtpmap:0 PCMU/\na=rtcp:\nc=IN\no=\n")]
    public void BrokenLinesAreSkipped(string text)
    {
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(text), out var s));
        Assert.Empty(s!.Media);
    }

    [Fact]
    public void SectionsPastTheCapAreCountedAndTheArrayHoldsExactlyTheParsedOnes()
    {
        var text = new StringBuilder("v=0\n");
        for (int i = 0; i < SdpParser.MaxMedia + 3; i++) text.Append("m=audio ").Append(4000 + 2 * i).Append(" RTP/AVP 0\n");
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(text.ToString()), out var s));
        Assert.Equal(SdpParser.MaxMedia, s!.Media.Length);
        Assert.Equal(3, s.MediaNotParsed);
        Assert.Equal(4000 + 2 * (SdpParser.MaxMedia - 1), s.Media[^1].Port);
    }

    [Fact]
    public void EqualFormatListsShareOneArrayAndOthersDoNot()
    {
        var a = Parse("v=0\nm=audio 4000 RTP/AVP 0 8 101\nm=audio 4002 RTP/AVP 0 8 101\nm=audio 4004 RTP/AVP 8 0 101\n");
        var b = Parse("v=0\nm=audio 5000 RTP/AVP 0 8 101\n");
        var first = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(a.Media[0].PayloadTypes);
        Assert.Same(first, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(a.Media[1].PayloadTypes));
        Assert.Same(first, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(b.Media[0].PayloadTypes));
        Assert.Equal<int>([8, 0, 101], a.Media[2].PayloadTypes);
        Assert.Equal<int>([0, 8, 101], a.Media[0].PayloadTypes);
    }

    [Fact]
    public void LongFormatListKeepsTheFirst128ValidTypesInOrder()
    {
        // Formats that are not payload types (words, numbers above 127) are skipped, not counted.
        var line = new StringBuilder("v=0\nm=audio 4000 RTP/AVP");
        for (int i = 0; i < 20_000; i++) line.Append(' ').Append(i % 3 == 2 ? "x" : (i % 200).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var s = Parse(line.Append('\n').ToString());
        var expected = Enumerable.Range(0, 20_000).Where(i => i % 3 != 2 && i % 200 <= 127).Select(i => i % 200).Take(128).ToArray();
        Assert.Equal<int>(expected, s.Media[0].PayloadTypes);
    }
}
