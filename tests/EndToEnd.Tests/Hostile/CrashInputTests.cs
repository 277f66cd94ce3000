using System.Buffers.Binary;
using System.Text.Json;
using PcapSipAnalyzer.TestSupport;
using static PcapSipAnalyzer.TestSupport.PacketBuilder;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Inputs that once ended in a .NET stack trace and exit 1, crafted frame by frame and run through the CLI:
/// now exit 0, a full report, and the oddity as a counted anomaly with its frame.
/// </summary>
public class CrashInputTests
{
    private const uint Isn = 5000;

    [Fact]
    public void ATcpSegmentTwoToTheThirtyFirstAheadIsAnAnomalyNotACrash()
    {
        const string Register = "REGISTER sip:pbx SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:40000;branch=z9hG4bKtcp1\r\n" +
            "From: <sip:100@pbx>;tag=1\r\nTo: <sip:100@pbx>\r\nCall-ID: window@10.0.0.1\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
        byte[] Segment(uint sequence, byte flags, string text) =>
            Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(40000, 5060, sequence, flags, Ascii(text))));
        var capture = SyntheticCapture.PcapOf(
        [
            Segment(Isn, 0x02, ""),
            Segment(unchecked(Isn + 1 + 0x8000_0000u), 0x18, Register),
            Segment(Isn + 1, 0x18, Register),
        ]);

        var (run, report) = CraftedCapture.Analyze(capture);

        var anomaly = report.RootElement.GetProperty("anomalies").GetProperty("tcp-out-of-window");
        Assert.Equal(1, anomaly.GetProperty("count").GetInt64());
        Assert.Equal(2, anomaly.GetProperty("frames")[0].GetProperty("frame").GetInt64());
        Assert.Equal(1, report.RootElement.GetProperty("sip").GetProperty("requests").GetProperty("REGISTER").GetInt64());
        Assert.DoesNotContain("engine-error", report.RootElement.GetProperty("anomalies").ToString());
        Assert.Empty(run.StderrLines);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(0)]
    public void AnRtpmapClockBelowOneKilohertzGivesFiniteJitterAndAnAnomaly(int clockRate)
    {
        string sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n" +
            $"m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 X/{clockRate}\r\n";
        string invite = "INVITE sip:200@pbx SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKclock\r\n" +
            "From: <sip:100@pbx>;tag=1\r\nTo: <sip:200@pbx>\r\nCall-ID: clock@10.0.0.1\r\nCSeq: 1 INVITE\r\n" +
            $"Content-Type: application/sdp\r\nContent-Length: {sdp.Length}\r\n\r\n{sdp}";
        var frames = new List<byte[]> { Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(5060, 5060, Ascii(invite)))) };
        for (int i = 0; i < 40; i++)
        {
            var rtp = new byte[12 + 160];
            rtp[0] = 0x80;
            rtp[1] = 96;
            BinaryPrimitives.WriteUInt16BigEndian(rtp.AsSpan(2), (ushort)i);
            // Timestamps that drift against the 20 ms arrivals, so that jitter is not zero.
            BinaryPrimitives.WriteUInt32BigEndian(rtp.AsSpan(4), (uint)(i * 160 + (i % 4) * 37));
            BinaryPrimitives.WriteUInt32BigEndian(rtp.AsSpan(8), 0x1234);
            frames.Add(Ethernet(0x0800, Ipv4(17, "10.0.0.2", "10.0.0.1", Udp(6000, 4000, rtp))));
        }

        var (run, report) = CraftedCapture.Analyze(SyntheticCapture.PcapOf(frames));

        var anomaly = report.RootElement.GetProperty("anomalies").GetProperty("rtp-clock-rate-invalid");
        Assert.Equal(1, anomaly.GetProperty("frames")[0].GetProperty("frame").GetInt64());
        var stream = Assert.Single(report.RootElement.GetProperty("rtp_streams").EnumerateArray());
        Assert.Equal(40, stream.GetProperty("packets").GetInt64());
        Assert.Equal(JsonValueKind.Number, stream.GetProperty("max_jitter_ms").ValueKind);
        Assert.True(stream.GetProperty("max_jitter_ms").GetDouble() > 0);
        Assert.DoesNotContain("Infinity", run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("NaN", run.Stdout, StringComparison.Ordinal);
    }
}
