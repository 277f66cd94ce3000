using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Points;

/// <summary>
/// Timestamps of a damaged capture can lie as far apart as a long allows. The cross-point matching measured the
/// distance between two sightings with Math.Abs(a − b), which threw for a pair 2^63 ns apart: the whole analysis
/// ended in "internal error" (exit 1). Found by the analysis fuzz target (tests/fixtures/fuzz-regressions/analysis).
/// </summary>
public class TimeDistanceTests
{
    [Theory]
    [InlineData(0L, 0L, 0L)]
    [InlineData(5L, -3L, 8L)]
    [InlineData(-3L, 5L, 8L)]
    [InlineData(long.MinValue, 0L, long.MaxValue)]
    [InlineData(0L, long.MinValue, long.MaxValue)]
    [InlineData(long.MaxValue, long.MinValue, long.MaxValue)]
    [InlineData(long.MinValue, long.MinValue, 0L)]
    [InlineData(long.MaxValue, 1L, long.MaxValue - 1)]
    public void The_distance_of_any_two_timestamps_is_never_negative_and_never_throws(long a, long b, long expected)
    {
        Assert.Equal(expected, TimeDistance.Between(a, b));
        Assert.Equal(expected, TimeDistance.Between(b, a));
    }

    [Fact]
    public void The_size_of_the_smallest_long_is_the_largest()
    {
        Assert.Equal(long.MaxValue, TimeDistance.Abs(long.MinValue));
        Assert.Equal(7, TimeDistance.Abs(-7));
    }

    /// <summary>Every capture the analysis fuzz target once broke: analysed to the end with the default limits.</summary>
    [Fact]
    public async Task Every_fuzz_regression_of_the_analysis_is_analysed_to_the_end()
    {
        var files = Directory.GetFiles(Fixtures.PathOf("fuzz-regressions/analysis"));
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var result = await new Analysis(new AnalysisOptions { Pipelined = false }).RunAsync([CaptureInput.ForFile(file)]);
            Assert.Single(result.Captures);
            Assert.Null(result.EngineErrors.First);
        }
    }
}
