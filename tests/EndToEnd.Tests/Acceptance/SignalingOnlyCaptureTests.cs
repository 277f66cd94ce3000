using System.Text.Json;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// A capture that holds SIP and nothing else was taken with a port filter: a call without RTP there is media
/// not captured (information), not media blocked (an error). One unrelated datagram at the same point shows the
/// capture was not filtered, and the missing media is an error again.
/// </summary>
public class SignalingOnlyCaptureTests
{
    // Wireshark wiki's SIP INFO DTMF sample: 32 packets, every one SIP, one call with SDP and no RTP.
    private const string SipOnly = "public/wireshark-wiki/DTMFsipinfo.pcap";

    [Fact]
    public void A_sip_only_capture_says_media_was_not_captured_instead_of_blocked()
    {
        var report = PipelineReport.Of(Fixtures.PathOf(SipOnly)).Json;
        var kinds = Kinds(report);
        Assert.DoesNotContain("rtp-no-media", kinds);
        var finding = Assert.Single(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "media-not-captured");
        Assert.Equal("info", finding.GetProperty("severity").GetString());
        Assert.Equal("2091060b-146f-e011-809a-0019cb53db77@admind-desktop", finding.GetProperty("call_id").GetString());
        // The evidence is the call's latest offer and answer (a re-INVITE and its 200), as tshark numbers them.
        var sdpFrames = Tshark.Fields(Fixtures.PathOf(SipOnly), "sdp", ["frame.number"]).Select(f => long.Parse(f[0])).ToList();
        Assert.Equal(sdpFrames.TakeLast(2), Frames(finding));
        Assert.All(report.GetProperty("causes").EnumerateArray(), c => Assert.Equal("info", c.GetProperty("severity").GetString()));
    }

    [Fact]
    public void One_other_datagram_at_the_point_makes_the_missing_media_an_error_again()
    {
        using var folder = new TempFolder();
        string dns = folder.File("dns.pcap");
        File.WriteAllBytes(dns, SyntheticCapture.PcapOf([PacketBuilder.Ethernet(0x0800,
            PacketBuilder.Ipv4(17, "178.45.73.241", "8.8.8.8", PacketBuilder.Udp(40000, 53, new byte[29])))]));

        var report = PipelineReport.OfOnePoint("DTMFsipinfo", [Fixtures.PathOf(SipOnly), dns]).Json;
        var kinds = Kinds(report);
        Assert.Contains("rtp-no-media", kinds);
        Assert.DoesNotContain("media-not-captured", kinds);
    }

    private static List<string> Kinds(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("kind").GetString()!).ToList();

    private static List<long> Frames(JsonElement finding) =>
        finding.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("frame").GetInt64()).ToList();
}
