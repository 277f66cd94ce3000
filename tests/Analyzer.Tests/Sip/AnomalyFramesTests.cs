using System.Text;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// An anomaly's frames are evidence: each frame once. A message with ten repeated headers counts ten
/// duplicate-header anomalies but lists its frame once (it was listed ten times, filling the list).
/// </summary>
public class AnomalyFramesTests
{
    [Fact]
    public void A_message_with_many_duplicate_headers_lists_its_frame_once()
    {
        var flow = new SipFlow();
        var frames = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(SipParser.TryParse(Encoding.ASCII.GetBytes(OptionsWithRepeatedHeaders(i)), out var message));
            Assert.Equal(10, message!.Anomalies.Count(a => a == SipAnomaly.DuplicateHeader));
            frames.Add(flow.Send(i, "10.0.0.1:5060", "10.0.0.2:5060", message));
        }

        var tally = flow.Engine.Statistics.Anomalies[SipAnomaly.DuplicateHeader];
        Assert.Equal(30, tally.Count);
        Assert.Equal(frames, tally.Frames.Select(f => f.Frame));
    }

    [Fact]
    public void The_report_counts_every_anomaly_and_lists_each_frame_once()
    {
        var counters = new AnomalyCounters();
        for (int i = 0; i < 4; i++) counters.Add("truncated-header", 0, 7);
        counters.Add("truncated-header", 0, 9);
        counters.Add("truncated-header", 1, 7);
        counters.Merge("sip:duplicate-header", 5, [new FrameRef(0, 3), new FrameRef(0, 3), new FrameRef(0, 4), new FrameRef(0, 3)]);
        counters.Merge("sip:duplicate-header", 2, [new FrameRef(0, 4), new FrameRef(0, 5)]);

        var truncated = counters.Entries["truncated-header"];
        Assert.Equal(6, truncated.Count);
        Assert.Equal([new FrameRef(0, 7), new FrameRef(0, 9), new FrameRef(1, 7)], truncated.Frames);
        var duplicates = counters.Entries["sip:duplicate-header"];
        Assert.Equal(7, duplicates.Count);
        Assert.Equal([new FrameRef(0, 3), new FrameRef(0, 4), new FrameRef(0, 5)], duplicates.Frames);
    }

    // OPTIONS with Max-Forwards given eleven times: ten repeats.
    private static string OptionsWithRepeatedHeaders(int n) =>
        $"OPTIONS sip:pbx@10.0.0.2 SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-dup-{n}\r\n" +
        $"From: <sip:a@10.0.0.1>;tag=a{n}\r\n" +
        "To: <sip:pbx@10.0.0.2>\r\n" +
        $"Call-ID: dup-{n}@10.0.0.1\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        string.Concat(Enumerable.Repeat("Max-Forwards: 70\r\n", 11)) +
        "Content-Length: 0\r\n\r\n";
}
