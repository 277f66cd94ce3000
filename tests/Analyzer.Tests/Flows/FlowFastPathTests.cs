using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Tests.Rtp;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.Analyzer.Tests.Flows;

/// <summary>
/// RTP counted through the flow table (a known stream's packets straight into its statistics) gives exactly what
/// the RTP engine gives on its own, also where the shortcut must not be taken: a flow that changes SSRC, streams
/// evicted from a full table between two packets of their flow, packets lost and repeated.
/// </summary>
public class FlowFastPathTests
{
    // Pipelined, the flow references and the stream slots they lead to are used on the engines' thread.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Streams_through_the_flow_table_equal_the_engines_own(bool pipelined)
    {
        var options = new RtpEngineOptions { MaxStreams = 2, HeuristicMinPackets = 3, MaxRetiredStreams = 100 };
        var frames = Frames();

        var viaFlows = new RtpEngine(options);
        using (var dispatcher = new PacketDispatcher(new AnalysisResult(), new CapturePointTable(new SipEngineOptions()),
                   new PathEvidence(), viaFlows, pipelined))
        {
            dispatcher.BeginCapture(new CaptureResult { Index = 0, Input = new CaptureInput("flows.pcap", "flows") });
            dispatcher.OnInterface(new CaptureInterface { Id = 0, LinkType = LinkTypes.Ethernet });
            foreach (var packet in frames) dispatcher.OnPacket(packet.Captured);
            dispatcher.EndCapture();
        }

        var direct = new RtpEngine(options);
        foreach (var packet in frames)
        {
            var frame = default(DecodedFrame);
            FrameDecoder.Decode(LinkTypes.Ethernet, packet.Data, ref frame);
            direct.OnUdp(PacketMeta.From(packet.Captured, frame, Transport.Udp, point: 0),
                packet.Data.AsSpan(frame.PayloadOffset, frame.PayloadLength));
        }

        Assert.True(direct.Counters.StreamsRetired > 0, "the scenario must evict streams between packets of their flows");
        Assert.Equal(direct.Counters.RtpPackets, viaFlows.Counters.RtpPackets);
        Assert.Equal(direct.Counters.StreamsRetired, viaFlows.Counters.StreamsRetired);
        Assert.Equal(direct.Counters.StreamsDropped, viaFlows.Counters.StreamsDropped);
        var expected = direct.Streams;
        var actual = viaFlows.Streams;
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Key, actual[i].Key);
            Assert.Equal(expected[i].Statistics, actual[i].Statistics);
            Assert.Equal(expected[i].LastFrame, actual[i].LastFrame);
            Assert.Equal(expected[i].EndNs, actual[i].EndNs);
            Assert.Equal(expected[i].PayloadNames, actual[i].PayloadNames);
            Assert.Equal(expected[i].TimeSeries.Count, actual[i].TimeSeries.Count);
            for (int s = 0; s < expected[i].TimeSeries.Count; s++)
                Assert.Equal(expected[i].TimeSeries[s], actual[i].TimeSeries[s]);
        }
    }

    // Three flows taking turns (so each packet may find its stream evicted by the others'), the first changing
    // SSRC half-way, with a lost packet and a repeated one.
    private static List<Packet> Frames()
    {
        var packets = new List<Packet>();
        long frameNumber = 0;
        for (int i = 0; i < 60; i++)
        {
            for (int flow = 0; flow < 3; flow++)
            {
                if (flow == 1 && i == 20) continue; // lost
                uint ssrc = flow == 0 && i >= 30 ? 0xbeef_0000u : 0x1000u + (uint)flow;
                var rtp = SyntheticRtp.Packet((ushort)(i + 100 * flow), (uint)(i * 160), ssrc);
                var data = Ethernet(0x0800, Ipv4(17, $"10.0.0.{flow + 1}", "10.0.9.9", Udp((ushort)(4000 + 2 * flow), 5000, rtp)));
                long ns = 1_000_000_000L + i * 20_000_000L + flow * 1_000_000L;
                packets.Add(new Packet(data, ++frameNumber, ns));
                if (flow == 2 && i == 40) packets.Add(new Packet(data, ++frameNumber, ns + 10)); // repeated
            }
        }
        return packets;
    }

    private sealed record Packet(byte[] Data, long FrameNumber, long TimestampNs)
    {
        public CapturedPacket Captured => new()
        {
            FrameNumber = FrameNumber, TimestampNs = TimestampNs, LinkType = LinkTypes.Ethernet,
            OriginalLength = Data.Length, Data = Data,
        };
    }
}
