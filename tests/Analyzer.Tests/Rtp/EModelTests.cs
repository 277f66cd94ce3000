using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>The simplified G.107 E-model against its published reference points.</summary>
public class EModelTests
{
    private static readonly CodecImpairment G711 = CodecImpairment.Of("g711U")!.Value;
    private static readonly CodecImpairment G729 = CodecImpairment.Of("g729")!.Value;

    [Fact]
    public void Default_parameters_give_R_93_2_and_MOS_4_41()
    {
        double r = EModel.R(G711, 0, 0);
        Assert.Equal(93.2, r, 6);
        Assert.Equal(4.41, EModel.Mos(r), 2);
    }

    [Fact]
    public void G729_without_loss_is_R_82()
    {
        // Ie 11 (G.113 Appendix I): 93.2 − 11.
        Assert.Equal(82.2, EModel.R(G729, 0, 0), 6);
        Assert.Equal(4.10, EModel.Mos(82.2), 2);
    }

    [Theory]
    // Ie,eff = Ie + (95 − Ie)·Ppl/(Ppl + Bpl)
    [InlineData("g711A", 1.0, 93.2 - 95 * 1.0 / 26.1)]
    [InlineData("g711U", 5.0, 93.2 - 95 * 5.0 / 30.1)]
    [InlineData("g729", 2.0, 93.2 - (11 + 84 * 2.0 / 21.0))]
    [InlineData("g723", 3.0, 93.2 - (15 + 80 * 3.0 / 19.1))]
    public void Loss_impairs_by_the_codec_robustness(string codec, double loss, double expected)
    {
        Assert.Equal(expected, EModel.R(CodecImpairment.Of(codec)!.Value, loss, 0), 6);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 2.4)]
    [InlineData(177.3, 0.024 * 177.3)]
    [InlineData(300, 0.024 * 300 + 0.11 * (300 - 177.3))]
    public void Delay_impairment_bends_at_177_ms(double delay, double expected)
    {
        Assert.Equal(expected, EModel.DelayImpairment(delay), 6);
    }

    [Theory]
    [InlineData(-5, 1.0)]
    [InlineData(0, 1.0)]
    [InlineData(50, 1 + 1.75 + 50 * -10 * 50 * 7e-6)]
    [InlineData(100, 4.5)]
    [InlineData(120, 4.5)]
    public void Mos_follows_annex_B(double r, double expected)
    {
        Assert.Equal(expected, EModel.Mos(r), 6);
    }

    [Fact]
    public void Unknown_codecs_get_no_score()
    {
        Assert.Null(CodecImpairment.Of("H264"));
        Assert.Null(CodecImpairment.Of("telephone-event"));
        Assert.Equal("AMR-WB", CodecImpairment.Of("AMR-WB")!.Value.Codec);
        Assert.Equal(5, CodecImpairment.Of("AMR")!.Value.Ie);
    }

    [Fact]
    public void A_clean_G711_stream_scores_good_and_a_stream_with_late_packets_scores_worse()
    {
        var clean = Stream(lateEvery: 0);
        var late = Stream(lateEvery: 10);

        Assert.Equal(0, clean.Statistics.LateForBuffer);
        Assert.Equal(10, late.Statistics.LateForBuffer);
        var good = StreamQuality.Of(clean)!.Value;
        var bad = StreamQuality.Of(late)!.Value;
        Assert.Equal("g711U", good.Codec);
        Assert.Equal(EModel.R(G711, 0, StreamQuality.PacketizationMs + StreamQuality.JitterBufferMs), good.R, 6);
        Assert.Equal(10.0, bad.EffectiveLossPercent, 6);
        Assert.True(bad.Mos < 3.6 && good.Mos > 4.3, $"MOS {bad.Mos} / {good.Mos}");
    }

    // 100 packets of PCMU; every lateEvery-th arrives 80 ms late (beyond a 60 ms buffer), fed where it arrived.
    private static RtpStream Stream(int lateEvery)
    {
        var engine = new RtpEngine();
        for (int i = 0; i < 100; i++)
        {
            long late = lateEvery > 0 && i % lateEvery == 5 ? 80_000_000L : 0;
            var meta = SyntheticRtp.Meta("10.0.0.1", 40000, "10.0.0.2", 50000, i + 1, 1_000_000_000L + i * 20_000_000L + late);
            engine.OnUdp(meta, SyntheticRtp.Packet((ushort)i, (uint)(i * 160), 0x600D));
        }
        return Assert.Single(engine.Streams);
    }
}
