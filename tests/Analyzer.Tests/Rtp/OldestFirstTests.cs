using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// The eviction round's choice: the <c>count</c> oldest streams first, oldest first, exactly as a full sort by time
/// (ties in table order) would put them, for every order of timestamps a capture can bring.
/// </summary>
public class OldestFirstTests
{
    private static AgedStream[] Aged(IEnumerable<long> times) => times.Select((t, i) => new AgedStream(t, i, null!)).ToArray();

    private static void AssertLikeAFullSort(AgedStream[] streams, int count)
    {
        var expected = streams.OrderBy(s => s.EndNs).ThenBy(s => s.Order).Take(count).ToArray();
        OldestFirst.Select(streams, count);
        Assert.Equal(expected, streams[..expected.Length]);
        // Nothing is lost or doubled: the rest are the others.
        Assert.Equal(streams.Length, streams.Select(s => s.Order).Distinct().Count());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 0)]
    [InlineData(10, 1)]
    [InlineData(10, 10)]
    [InlineData(10, 25)]
    [InlineData(1_000, 100)]
    [InlineData(50_000, 5_000)]
    public void Random_times(int streams, int count)
    {
        var random = new Random(streams * 31 + count);
        AssertLikeAFullSort(Aged(Enumerable.Range(0, streams).Select(_ => random.NextInt64(0, 1_000_000))), count);
    }

    [Fact]
    public void Many_equal_times_are_taken_in_table_order()
    {
        var streams = Aged(Enumerable.Range(0, 10_000).Select(i => (long)(i % 3)));
        AssertLikeAFullSort(streams, 2_500);
        Assert.All(streams[..2_500], s => Assert.Equal(0, s.EndNs));
        Assert.Equal(Enumerable.Range(0, 2_500).Select(i => i * 3), streams[..2_500].Select(s => s.Order));
    }

    [Theory]
    [InlineData("ascending")]
    [InlineData("descending")]
    [InlineData("organ-pipe")]
    [InlineData("sawtooth")]
    public void Ordered_times_that_defeat_fixed_pivots(string shape)
    {
        const int N = 50_000;
        var times = Enumerable.Range(0, N).Select(i => shape switch
        {
            "ascending" => (long)i,
            "descending" => (long)(N - i),
            "organ-pipe" => (long)Math.Min(i, N - i),
            _ => (long)(i % 97),
        });
        AssertLikeAFullSort(Aged(times), N / 10);
    }

    [Fact]
    public void The_engine_evicts_the_streams_that_went_quiet_first()
    {
        // Ten streams keep sending while a flood of one-packet streams passes through a table of 100: a round that
        // evicted by anything but the last packet's time would drop a live stream sooner or later.
        var engine = new RtpEngine(new RtpEngineOptions { MaxStreams = 100, HeuristicMinPackets = 1, MaxRetiredStreams = 0 });
        var buffer = SyntheticRtp.Packet(0, 0, 1);
        long frame = 0;
        for (int i = 0; i < 2_000; i++)
        {
            uint flood = 1_000 + (uint)i;
            SyntheticRtp.Write(buffer, 1, 0, flood);
            engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 4000, "10.0.0.2", 5000, ++frame, frame * 1_000), buffer);
            if (i % 10 == 0)
            {
                for (uint live = 1; live <= 10; live++)
                {
                    SyntheticRtp.Write(buffer, (ushort)(i / 10 + 1), (uint)(i * 16), live);
                    engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 4000, "10.0.0.2", 5000, ++frame, frame * 1_000), buffer);
                }
            }
        }
        var kept = engine.Streams.Select(s => s.Key.Ssrc).ToHashSet();
        Assert.All(Enumerable.Range(1, 10), live => Assert.Contains((uint)live, kept));
        Assert.Equal(2_010, engine.Streams.Count + engine.Counters.StreamsDropped);
    }
}
