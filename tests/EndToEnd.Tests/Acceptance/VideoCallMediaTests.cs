using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// A call's SDP offers audio and video; only video RTP was captured (the Wireshark wiki's H.263 sample). The
/// media check links every m= line, so the video stream is the call's media: the report names the missing audio
/// as a warning, never "no RTP at all" as an error, and cites the video stream tshark finds as the media that flows.
/// </summary>
public class VideoCallMediaTests
{
    private static readonly string Capture = Fixtures.PublicFile("wireshark-wiki/h263-over-rtp.pcap");

    [Fact]
    public void Video_flowing_without_audio_is_a_warning_naming_the_missing_audio_not_an_error()
    {
        using var report = JsonDocument.Parse(PcapsipCli.Run("analyze", Capture, "--json", "-", "--no-progress").Succeeded().Output);
        var root = report.RootElement;
        var findings = root.GetProperty("findings").EnumerateArray().ToList();

        Assert.DoesNotContain(findings, f => f.GetProperty("severity").GetString() == "error");
        var callId = Assert.Single(root.GetProperty("dialogs").EnumerateArray()).GetProperty("call_id").GetString();
        var missing = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "rtp-no-media");
        Assert.Equal("warning", missing.GetProperty("severity").GetString());
        Assert.StartsWith("Audio negotiated but no audio RTP captured", missing.GetProperty("summary").GetString());
        Assert.Equal(callId, missing.GetProperty("call_id").GetString());

        // The one stream tshark finds is the call's video: set up by its SDP, and the evidence that media flows.
        var tshark = Assert.Single(TsharkRtpStreams.Run(Capture, heuristic: false));
        var stream = Assert.Single(root.GetProperty("rtp_streams").EnumerateArray());
        Assert.Equal((tshark.Ssrc, tshark.Packets), ((uint)stream.GetProperty("ssrc").GetInt64(), stream.GetProperty("packets").GetInt64()));
        Assert.Equal("h263", stream.GetProperty("codec").GetString());
        Assert.Equal(callId, stream.GetProperty("call_id").GetString());
        var streamFrames = stream.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("frame").GetInt64()).ToList();
        var cited = missing.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("frame").GetInt64()).ToList();
        Assert.Subset(cited.ToHashSet(), streamFrames.ToHashSet());

        // Video one way only (toward the offerer) is a warning too; no audio-worded jitter on a video stream.
        var oneWay = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "rtp-one-way");
        Assert.Equal("warning", oneWay.GetProperty("severity").GetString());
        Assert.StartsWith("One-way video", oneWay.GetProperty("summary").GetString());
        Assert.DoesNotContain(findings, f => f.GetProperty("kind").GetString() == "rtp-jitter");
    }
}
