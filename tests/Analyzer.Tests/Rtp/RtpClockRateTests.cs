using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// An rtpmap clock below 1 kHz once made Wireshark's whole-millisecond divisor zero, jitter infinite and the
/// JSON writer throw. Unusable rates fall back to the encoding's known rate, else to 8000 Hz.
/// </summary>
public class RtpClockRateTests
{
    [Theory]
    [InlineData("X", 500, RtpPayloadMap.DefaultClockRate)]
    [InlineData("X", 0, RtpPayloadMap.DefaultClockRate)]
    [InlineData("X", 999, RtpPayloadMap.DefaultClockRate)]
    [InlineData("X", int.MaxValue, RtpPayloadMap.DefaultClockRate)]
    [InlineData("opus", 500, 48000)]
    [InlineData("X", 1000, 1000)]
    [InlineData("L16", 44100, 44100)]
    [InlineData("X", RtpPayloadMap.MaxClockRate, RtpPayloadMap.MaxClockRate)]
    public void AnUnusableRtpmapClockFallsBack(string encoding, int rtpmapRate, int expected)
    {
        var map = new RtpPayloadMap();
        map.Set(96, encoding, rtpmapRate);
        Assert.Equal(expected, map.ClockRate(96));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    [InlineData(999)]
    public void AClockBelowOneKilohertzGivesNoJitterRatherThanAnInfiniteOne(int clockRate)
    {
        var stats = new RtpStreamStatistics();
        for (int i = 0; i < 50; i++)
            stats.Add(i * 20.0 + (i % 3), (ushort)i, (uint)(i * 160), 96, false, clockRate);

        Assert.Equal(50, stats.Packets);
        Assert.Equal(0, stats.ClockRate);
        Assert.True(double.IsFinite(stats.MaxJitter) && double.IsFinite(stats.MeanJitter), $"jitter {stats.MaxJitter}");
        Assert.True(stats.MaxDelta > 0);
    }

    [Fact]
    public void AValidClockStillGivesJitter()
    {
        var stats = new RtpStreamStatistics();
        for (int i = 0; i < 50; i++)
            stats.Add(i * 20.0 + (i % 3), (ushort)i, (uint)(i * 160), 0, false, 8000);
        Assert.Equal(8000, stats.ClockRate);
        Assert.True(stats.MaxJitter > 0);
    }
}
