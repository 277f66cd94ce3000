using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// Timestamps and sequence numbers wrap: a stream whose timestamp wraps between its first and second packet
/// (0xFFFFFFFF, then 159) must give the same delta and jitter as the same stream with timestamps far from the
/// wrap, and no problem flag.
/// </summary>
public class RtpSerialArithmeticTests
{
    // Arrival jitter that repeats every 7 packets: up to 6 ms late.
    private static double ArrivalMs(int i) => i * 20.0 + (i * 5 % 7);

    [Theory]
    [InlineData(0xFFFFFFFFu, (ushort)1000)]
    [InlineData(0xFFFFFF60u, (ushort)1000)] // wraps between packets 2 and 3
    [InlineData(0xFFFFFFFFu, (ushort)65535)] // timestamp and sequence number both wrap on packet 2
    public void A_timestamp_wrap_early_in_the_stream_is_time_going_on(uint firstTimestamp, ushort firstSequence)
    {
        var wrapped = Run(firstTimestamp, firstSequence);
        var plain = Run(1000, 1000);

        Assert.Equal(159u, unchecked(0xFFFFFFFFu + 160u));
        Assert.False(wrapped.Problem);
        Assert.Equal(0, wrapped.Lost);
        Assert.Equal(plain.Packets, wrapped.Packets);
        Assert.True(double.IsFinite(wrapped.MaxJitter) && double.IsFinite(wrapped.MeanJitter));
        Assert.Equal(plain.MaxDelta, wrapped.MaxDelta, 9);
        Assert.Equal(plain.MinDelta, wrapped.MinDelta, 9);
        Assert.Equal(plain.MaxJitter, wrapped.MaxJitter, 9);
        Assert.Equal(plain.MeanJitter, wrapped.MeanJitter, 9);
        // The largest gap between arrivals, and some jitter: the packets were really taken into account.
        double maxGap = 0;
        for (int i = 1; i < 50; i++)
            maxGap = Math.Max(maxGap, ArrivalMs(i) - ArrivalMs(i - 1));
        Assert.Equal(maxGap, wrapped.MaxDelta, 9);
        Assert.True(wrapped.MaxJitter > 0.5, $"max jitter {wrapped.MaxJitter}");
    }

    [Fact]
    public void A_timestamp_before_the_first_one_across_the_wrap_is_still_wrong()
    {
        var stats = new RtpStreamStatistics();
        stats.Add(0, 10, 100, 0, false, 8000);
        stats.Add(20, 11, unchecked(100u - 320u), 0, false, 8000); // two frames before the first, across the wrap
        Assert.Equal(RtpStatFlags.WrongTimestamp, stats.Flags & RtpStatFlags.WrongTimestamp);
        Assert.True(stats.Problem);
    }

    [Fact]
    public void Each_ssrc_of_a_flow_has_its_own_timestamp_base()
    {
        // The sender restarts with a new SSRC whose timestamps start half the range away.
        var engine = new RtpEngine();
        int frame = 0;
        Feed(engine, 0xAAAA0001, 0xFFFFFF00u, 100, 0, ref frame);
        Feed(engine, 0xAAAA0002, 0x7FFFFF00u, 9, 1000, ref frame);

        Assert.Equal(2, engine.Streams.Count);
        foreach (var stream in engine.Streams)
        {
            Assert.False(stream.Statistics.Problem, stream.ToString());
            Assert.Equal(0, stream.Statistics.Lost);
            Assert.Equal(20, stream.Statistics.MaxDelta, 6);
        }
    }

    private static void Feed(RtpEngine engine, uint ssrc, uint firstTimestamp, ushort firstSequence, double startMs, ref int frame)
    {
        for (int i = 0; i < 20; i++)
        {
            var meta = SyntheticRtp.Meta("10.0.0.1", 40000, "10.0.0.2", 50000, ++frame, 1_000_000_000L + (long)((startMs + i * 20) * 1e6));
            engine.OnUdp(meta, SyntheticRtp.Packet(unchecked((ushort)(firstSequence + i)), unchecked(firstTimestamp + (uint)(i * 160)), ssrc));
        }
    }

    private static RtpStreamStatistics Run(uint firstTimestamp, ushort firstSequence)
    {
        var stats = new RtpStreamStatistics();
        for (int i = 0; i < 50; i++)
            stats.Add(ArrivalMs(i), unchecked((ushort)(firstSequence + i)), unchecked(firstTimestamp + (uint)(i * 160)), 0, false, 8000);
        return stats;
    }
}
