using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// A fax re-INVITE (m=image … udptl t38 on the audio port) hands the port to T.38: from then on its datagrams
/// count as T.38, not as RTP of the call's stream, whether or not their first bytes look like an RTP header; a
/// later audio offer gives the port back.
/// </summary>
public class T38SwitchTests
{
    private const uint Ssrc = 0x7A7A0001;
    private static readonly RtpEndpoint Gateway = new(NetAddress.Parse("10.0.0.2"), 16756);

    private static readonly SdpMedia Audio = new() { MediaType = "audio", Port = 16756, Protocol = "RTP/AVP" };
    private static readonly SdpMedia Fax = new() { MediaType = "image", Port = 16756, Protocol = "udptl" };

    [Fact]
    public void Datagrams_after_the_t38_offer_are_t38_not_rtp()
    {
        var engine = new RtpEngine();
        engine.ExpectMedia(Gateway, Audio, SdpDirection.SendRecv, "fax-1", 0, new FrameRef(0, 1));
        long frame = 10;
        for (int i = 0; i < 50; i++)
            Assert.True(engine.OnUdp(Meta(frame++, i), SyntheticRtp.Packet((ushort)i, (uint)i * 160, Ssrc)));

        engine.ExpectMedia(Gateway, Fax, SdpDirection.SendRecv, "fax-1", 1_000_000_000, new FrameRef(0, frame++));
        // UDPTL whose first byte happens to read as RTP version 2 (0x80…), and UDPTL that does not (0x00…).
        for (int i = 50; i < 80; i++)
            Assert.False(engine.OnUdp(Meta(frame++, i), SyntheticRtp.Packet((ushort)i, (uint)i * 160, Ssrc)));
        for (int i = 80; i < 90; i++)
            Assert.False(engine.OnUdp(Meta(frame++, i), new byte[] { 0x00, 0x05, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x22 }));

        var stream = Assert.Single(engine.Streams);
        Assert.Equal(50, stream.Statistics.Packets);
        Assert.Equal(50, engine.Counters.RtpPackets);
        Assert.Equal(40, engine.Counters.T38Packets);
        Assert.Equal(0, engine.Counters.NonRtpOnMediaPort);
    }

    [Fact]
    public void An_audio_offer_after_the_fax_gives_the_port_back_to_rtp()
    {
        var engine = new RtpEngine();
        engine.ExpectMedia(Gateway, Fax, SdpDirection.SendRecv, "fax-1", 0, new FrameRef(0, 1));
        long frame = 10;
        for (int i = 0; i < 20; i++)
            Assert.False(engine.OnUdp(Meta(frame++, i), SyntheticRtp.Packet((ushort)i, (uint)i * 160, Ssrc)));
        engine.ExpectMedia(Gateway, Audio, SdpDirection.SendRecv, "fax-1", 1_000_000_000, new FrameRef(0, frame++));
        for (int i = 20; i < 50; i++)
            Assert.True(engine.OnUdp(Meta(frame++, i), SyntheticRtp.Packet((ushort)i, (uint)i * 160, Ssrc)));

        Assert.Equal(20, engine.Counters.T38Packets);
        Assert.Equal(30, Assert.Single(engine.Streams).Statistics.Packets);
    }

    private static PacketMeta Meta(long frame, int i) =>
        SyntheticRtp.Meta("10.0.0.1", 15580, Gateway.Address.ToString(), Gateway.Port, frame, 1_000_000_000L + i * 20_000_000L);
}
