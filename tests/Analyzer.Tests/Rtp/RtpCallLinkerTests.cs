using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sdp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

public class RtpCallLinkerTests
{
    private static readonly RtpEndpoint Caller = new(NetAddress.Parse("192.168.1.10"), 4000);
    private static readonly RtpEndpoint Callee = new(NetAddress.Parse("192.168.0.20"), 6000);

    private static MediaSession Session() => new()
    {
        CallId = "call-1",
        Offer = new MediaOffer(Caller, SdpDirection.SendRecv, new FrameRef(0, 1)),
        Answer = new MediaOffer(Callee, SdpDirection.SendRecv, new FrameRef(0, 3)),
        StartNs = 0,
        EndNs = 10_000_000_000,
    };

    private static RtpEngine Engine(params (RtpEndpoint From, RtpEndpoint To, uint Ssrc)[] flows) => Engine([], flows);

    private static RtpEngine Engine(RtpEndpoint[] alsoExpected, params (RtpEndpoint From, RtpEndpoint To, uint Ssrc)[] flows)
    {
        var engine = new RtpEngine();
        var media = new SdpMedia { MediaType = "audio", Port = 4000, Protocol = "RTP/AVP" };
        engine.ExpectMedia(Caller, media, SdpDirection.SendRecv, "call-1", 0, new FrameRef(0, 1));
        engine.ExpectMedia(Callee, media, SdpDirection.SendRecv, "call-1", 0, new FrameRef(0, 3));
        foreach (var endpoint in alsoExpected)
            engine.ExpectMedia(endpoint, media, SdpDirection.SendRecv, "call-1", 0, new FrameRef(0, 1));
        long frame = 10;
        for (int i = 0; i < 50; i++)
        {
            foreach (var (from, to, ssrc) in flows)
            {
                var meta = SyntheticRtp.Meta(from.Address.ToString(), from.Port, to.Address.ToString(), to.Port, frame++, 1_000_000_000 + i * 20_000_000L);
                Assert.True(engine.OnUdp(meta, SyntheticRtp.Packet((ushort)i, (uint)i * 160, ssrc)));
            }
        }
        return engine;
    }

    [Fact]
    public void A_two_way_call_is_not_flagged()
    {
        var engine = Engine((Caller, Callee, 1), (Callee, Caller, 2));
        var findings = new RtpCallLinker().Evaluate([Session()], engine.Streams);
        Assert.Empty(findings);
        Assert.All(engine.Streams, s => Assert.Equal("call-1", s.CallId));
    }

    [Fact]
    public void Media_in_one_direction_only_is_flagged_one_way_naming_the_deaf_side()
    {
        var engine = Engine((Caller, Callee, 1));
        var finding = Assert.Single(new RtpCallLinker().Evaluate([Session()], engine.Streams));
        Assert.Equal(FindingKind.RtpOneWay, finding.Kind);
        Assert.Contains("none reaches 192.168.1.10:4000", finding.Summary);
        Assert.Equal("call-1", finding.CallId);
        Assert.Contains(new FrameRef(0, 1), finding.Frames);
        Assert.Contains(new FrameRef(0, 10), finding.Frames);
    }

    [Fact]
    public void No_media_at_all_is_flagged()
    {
        var engine = Engine();
        var finding = Assert.Single(new RtpCallLinker().Evaluate([Session()], engine.Streams));
        Assert.Equal(FindingKind.RtpNoMedia, finding.Kind);
        Assert.Equal([new FrameRef(0, 1), new FrameRef(0, 3)], finding.Frames);
    }

    [Fact]
    public void A_sendonly_offer_owes_no_media_back()
    {
        var engine = Engine((Caller, Callee, 1));
        var session = Session();
        session = new MediaSession
        {
            CallId = session.CallId, StartNs = session.StartNs, EndNs = session.EndNs,
            Offer = session.Offer! with { Direction = SdpDirection.SendOnly },
            Answer = session.Answer! with { Direction = SdpDirection.RecvOnly },
        };
        Assert.Empty(new RtpCallLinker().Evaluate([session], engine.Streams));
    }

    [Fact]
    public void Media_from_an_address_the_sdp_did_not_name_is_flagged()
    {
        var nat = new RtpEndpoint(NetAddress.Parse("203.0.113.5"), 31000);
        var engine = Engine((Caller, Callee, 1), (nat, Caller, 2));
        var finding = Assert.Single(new RtpCallLinker().Evaluate([Session()], engine.Streams));
        Assert.Equal(FindingKind.RtpUnexpectedSource, finding.Kind);
        Assert.Contains("203.0.113.5:31000", finding.Summary);
        Assert.StartsWith("rtp.ssrc == 0x00000002", finding.WiresharkFilter);
    }

    [Fact]
    public void Heavy_loss_in_a_real_capture_is_flagged_with_its_stream()
    {
        var engine = RtpFixtureRun.Analyze(FixturePackets.PathOf("wireshark-wiki/Asterisk_ZFONE_XLITE.pcap"));
        var loss = new RtpCallLinker().Evaluate([], engine.Streams).Where(f => f.Kind == FindingKind.RtpLoss).ToList();
        var finding = Assert.Single(loss);
        Assert.Contains("lost 369 of 574", finding.Summary);
        Assert.Contains("rtp.ssrc == 0xbee0f2ed", finding.WiresharkFilter);
    }

    [Fact]
    public void Each_capture_interface_keeps_its_own_copy_of_a_stream()
    {
        var engine = new RtpEngine(new RtpEngineOptions { HeuristicMinPackets = 1 });
        for (int i = 0; i < 20; i++)
        {
            var packet = SyntheticRtp.Packet((ushort)i, (uint)i * 160, 7);
            long ns = i * 20_000_000L;
            engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 4000, "10.0.1.2", 5000, 2 * i + 1, ns, iface: 0), packet);
            engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 4000, "10.0.1.2", 5000, 2 * i + 2, ns + 50_000, iface: 1), packet);
        }
        Assert.Equal(2, engine.Streams.Count);
        Assert.All(engine.Streams, s => Assert.Equal((20L, 0L, 0L), (s.Statistics.Packets, s.Statistics.Lost, s.Statistics.SequenceErrors)));
    }

    [Fact]
    public void Random_udp_is_not_taken_for_rtp()
    {
        var engine = new RtpEngine();
        var random = new Random(42);
        var buffer = new byte[172];
        for (int i = 0; i < 100_000; i++)
        {
            random.NextBytes(buffer);
            buffer[0] = (byte)(0x80 | (buffer[0] & 0x3F)); // even with the version bits right
            engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 40000, "10.0.0.2", 50000, i + 1, i * 1_000_000L), buffer);
        }
        Assert.Empty(engine.Streams);
    }
    private static readonly RtpEndpoint CallerVideo = new(NetAddress.Parse("192.168.1.10"), 4002);
    private static readonly RtpEndpoint CalleeVideo = new(NetAddress.Parse("192.168.0.20"), 6002);

    // Audio on m= line 0 and video on line 1 at both sides, as MediaSessions pairs them.
    private static MediaSession VideoCall(bool answered = true)
    {
        var audio = Session();
        var video = new SessionMedium(1, MediaKind.Video,
            new MediaOffer(CallerVideo, SdpDirection.SendRecv, new FrameRef(0, 1)), new MediaOffer(CalleeVideo, SdpDirection.SendRecv, new FrameRef(0, 3)));
        return new MediaSession
        {
            CallId = audio.CallId, StartNs = audio.StartNs, EndNs = audio.EndNs, Offer = audio.Offer, Answer = audio.Answer, Answered = answered,
            Media = [new SessionMedium(0, MediaKind.Audio, audio.Offer, audio.Answer), video],
        };
    }

    [Fact]
    public void Video_missing_while_audio_flows_both_ways_is_a_warning_naming_the_video()
    {
        var engine = Engine((Caller, Callee, 1), (Callee, Caller, 2));
        var finding = Assert.Single(new RtpCallLinker().Evaluate([VideoCall()], engine.Streams));
        Assert.Equal((FindingKind.RtpNoMedia, Severity.Warning), (finding.Kind, finding.Severity));
        Assert.StartsWith("Video negotiated but no video RTP captured in call call-1", finding.Summary);
        Assert.Equal("udp.port == 4002 || udp.port == 6002", finding.WiresharkFilter);
    }

    [Fact]
    public void Audio_one_way_in_a_video_call_stays_an_error()
    {
        var engine = Engine([CallerVideo, CalleeVideo], (Caller, Callee, 1), (CallerVideo, CalleeVideo, 3), (CalleeVideo, CallerVideo, 4));
        var finding = Assert.Single(new RtpCallLinker().Evaluate([VideoCall()], engine.Streams));
        Assert.Equal((FindingKind.RtpOneWay, Severity.Error), (finding.Kind, finding.Severity));
        Assert.StartsWith("One-way audio", finding.Summary);
    }

    [Fact]
    public void A_call_that_was_never_answered_owes_no_media()
    {
        var engine = Engine((Caller, Callee, 1));
        Assert.Empty(new RtpCallLinker().Evaluate([VideoCall(answered: false)], engine.Streams));
    }

    [Fact]
    public void A_source_the_sender_announced_before_a_reinvite_is_expected()
    {
        var earlier = new RtpEndpoint(NetAddress.Parse("192.168.0.40"), 7000);
        var engine = Engine((Caller, Callee, 1), (earlier, Caller, 2));
        var moved = Session();
        var session = new MediaSession
        {
            CallId = moved.CallId, StartNs = moved.StartNs, EndNs = moved.EndNs, Offer = moved.Offer, Answer = moved.Answer,
            AnswerSources = [earlier, Callee],
        };
        Assert.Empty(new RtpCallLinker().Evaluate([session], engine.Streams));
    }
}
