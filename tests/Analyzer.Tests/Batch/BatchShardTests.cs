using PcapSipAnalyzer.Analyzer.Batch;

namespace PcapSipAnalyzer.Analyzer.Tests.Batch;

/// <summary>Shard names: each shard's summary files are its own, and the merge finds the shard of each summary by its name.</summary>
public class BatchShardTests
{
    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("2/3", 2, 3)]
    [InlineData("11/12", 11, 12)]
    public void Parses_i_of_N(string text, int index, int count) =>
        Assert.Equal(new BatchShard(index, count), BatchShard.Parse(text));

    [Theory]
    [InlineData("3/3")]
    [InlineData("-1/3")]
    [InlineData("+1/3")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("1/2/3")]
    [InlineData(" 1/3")]
    [InlineData(null)]
    public void Refuses_anything_else(string? text) => Assert.Null(BatchShard.Parse(text));

    [Fact]
    public void Shards_never_share_a_summary_file_and_each_summary_names_its_shard()
    {
        var shards = Enumerable.Range(0, 12).Select(i => new BatchShard(i, 12)).ToList();
        var files = shards.SelectMany(s => s.SummaryFiles).Concat(BatchShard.WholeSummaryFiles).ToList();
        Assert.Equal(files.Count, files.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("summary.shard-11-of-12.json", shards[11].SummaryJson);
        Assert.All(shards, s => Assert.Equal(s, BatchShard.OfSummaryJson(s.SummaryJson)));
        Assert.Null(BatchShard.OfSummaryJson("summary.json"));
        Assert.Null(BatchShard.OfSummaryJson("summary.shard-3-of-3.json"));
        Assert.Null(BatchShard.OfSummaryJson("summary.shard-1-of-3.csv"));
    }
}
