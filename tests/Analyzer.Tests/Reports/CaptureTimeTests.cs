using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Analyzer.Reports.Tables;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>Table times: the text every format writes reads back to the same nanosecond; Parquet's DateTime keeps the tick.</summary>
public class CaptureTimeTests
{
    [Theory]
    [InlineData(1_795_680_964_446_123_456L, "2026-11-26T08:16:04.446123456Z")]
    [InlineData(1_795_680_964_000_000_001L, "2026-11-26T08:16:04.000000001Z")]
    [InlineData(0L, "1970-01-01T00:00:00.000000000Z")]
    [InlineData(-1L, "1969-12-31T23:59:59.999999999Z")]
    public void Rfc3339_text_reads_back_to_the_nanosecond(long ns, string text)
    {
        Assert.Equal(text, new CaptureTime(ns).ToString());
        Assert.Equal(ns, CaptureTime.Parse(text).Nanoseconds);
    }

    [Theory]
    [InlineData("2026-11-26T08:16:04.5Z", 1_795_680_964_500_000_000L)]
    [InlineData("2026-11-26T08:16:04Z", 1_795_680_964_000_000_000L)]
    public void Shorter_fractions_are_read_as_rfc_3339_allows(string text, long ns) =>
        Assert.Equal(ns, Timestamps.ParseRfc3339(text));

    [Theory]
    [InlineData("2026-11-26T08:16:04.446123456")]
    [InlineData("2026-11-26T08:16:04.4461234567Z")]
    [InlineData("2026-11-26 08:16Z")]
    public void Text_without_zone_or_with_too_many_digits_is_refused(string text) =>
        Assert.Throws<FormatException>(() => Timestamps.ParseRfc3339(text));

    [Theory]
    [InlineData(1_795_680_964_446_123_456L, 1_795_680_964_446_123_400L)]
    [InlineData(-1L, -100L)]
    public void The_dotnet_time_keeps_the_tick_below_the_nanoseconds(long ns, long tick) =>
        Assert.Equal(tick, CaptureTime.FromUtc(new CaptureTime(ns).UtcDateTime).Nanoseconds);
}
