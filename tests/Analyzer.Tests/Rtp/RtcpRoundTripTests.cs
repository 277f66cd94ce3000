using System.Buffers.Binary;
using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// The RTCP round trip (RFC 3550 §6.4.1) taken at the capture point: a receiver report echoing a sender report
/// seen here gives arrival − the sender report's arrival − DLSR, and the E-model's delay term grows by half of it.
/// </summary>
public class RtcpRoundTripTests
{
    private const uint Sender = 0x11111111, Receiver = 0x22222222;
    private const ulong Ntp = 0xE8A1_2345_6789_ABCDUL;
    private const long Start = 1_000_000_000L;

    private static byte[] SenderReport(uint ssrc, ulong ntp)
    {
        var b = new byte[28];
        b[0] = 0x80; b[1] = 200;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), 6);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(8), ntp);
        return b;
    }

    private static byte[] ReceiverReport(uint reporter, uint reported, uint lsr, uint dlsr)
    {
        var b = new byte[32];
        b[0] = 0x81; b[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), 7);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), reporter);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), reported);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(24), lsr);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(28), dlsr);
        return b;
    }

    private static RtpEngine StreamWithReports(uint echoedLsr)
    {
        var engine = new RtpEngine();
        long frame = 1;
        for (int i = 0; i < 50; i++)
            engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 40000, "10.0.0.2", 50000, frame++, Start + i * 20_000_000L),
                SyntheticRtp.Packet((ushort)(100 + i), (uint)(i * 160), Sender));
        long sr = Start + 1_000_000_000L;
        engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 40001, "10.0.0.2", 50001, frame++, sr), SenderReport(Sender, Ntp));
        // The receiver held the report 0.5 s (DLSR 32768/65536 s) and answered 580 ms after it passed: 80 ms.
        engine.OnUdp(SyntheticRtp.Meta("10.0.0.2", 50001, "10.0.0.1", 40001, frame, sr + 580_000_000L),
            ReceiverReport(Receiver, Sender, echoedLsr, 32768));
        return engine;
    }

    [Fact]
    public void A_receiver_report_echoing_a_sender_report_seen_here_gives_the_round_trip_and_lengthens_the_delay()
    {
        var engine = StreamWithReports((uint)((Ntp >> 16) & 0xFFFF_FFFF));
        var stream = Assert.Single(engine.Streams);
        Assert.NotNull(stream.RoundTripMs);
        Assert.Equal(80.0, stream.RoundTripMs!.Value, 3);
        var quality = StreamQuality.Of(stream);
        Assert.NotNull(quality);
        Assert.Equal(StreamQuality.PacketizationMs + StreamQuality.JitterBufferMs + 40, quality!.Value.OneWayDelayMs, 3);
    }

    [Fact]
    public void A_receiver_report_echoing_an_unseen_sender_report_gives_no_round_trip()
    {
        var engine = StreamWithReports((uint)((Ntp >> 16) & 0xFFFF_FFFF) + 1);
        var stream = Assert.Single(engine.Streams);
        Assert.Null(stream.RoundTripMs);
        Assert.Equal(StreamQuality.PacketizationMs + StreamQuality.JitterBufferMs, StreamQuality.Of(stream)!.Value.OneWayDelayMs, 3);
    }
}
