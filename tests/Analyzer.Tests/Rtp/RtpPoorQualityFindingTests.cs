using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>rtp-poor-quality: a warning below MOS 3.6, an error below 3.1, nothing for a clean stream.</summary>
public class RtpPoorQualityFindingTests
{
    [Theory]
    [InlineData(0, 0, null)]                     // clean G.711: MOS 4.37
    [InlineData(10, 0, Severity.Warning)]        // 10 % too late for the buffer: MOS ≈ 3.3
    [InlineData(0, 4, Severity.Error)]           // every 4th packet lost (25 %): MOS ≈ 2.3
    public void The_stream_mos_decides_the_severity(int lateEvery, int loseEvery, Severity? expected)
    {
        var engine = new RtpEngine();
        for (int i = 0; i < 200; i++)
        {
            if (loseEvery > 0 && i % loseEvery == 2)
                continue;
            long late = lateEvery > 0 && i % lateEvery == 5 ? 90_000_000L : 0;
            var meta = SyntheticRtp.Meta("10.0.0.1", 40000, "10.0.0.2", 50000, i + 1, 1_000_000_000L + i * 20_000_000L + late);
            engine.OnUdp(meta, SyntheticRtp.Packet((ushort)i, (uint)(i * 160), 0xC0FFEE));
        }
        var findings = new RtpCallLinker().Evaluate([], engine.Streams).Where(f => f.Kind == FindingKind.RtpPoorQuality).ToList();

        if (expected is null)
        {
            Assert.Empty(findings);
            return;
        }
        var finding = Assert.Single(findings);
        Assert.Equal(expected, finding.Severity);
        var quality = StreamQuality.Of(Assert.Single(engine.Streams))!.Value;
        Assert.Equal(Math.Round(quality.Mos, 2), Assert.IsType<RtpStreamEvidence>(finding.Evidence).Mos);
        Assert.Contains("g711U", finding.Summary);
        Assert.Contains("rtp.ssrc == 0x00c0ffee", finding.WiresharkFilter);
    }

    [Fact]
    public void Heavy_loss_in_a_real_capture_is_an_error()
    {
        var engine = RtpFixtureRun.Analyze(FixturePackets.PathOf("wireshark-wiki/Asterisk_ZFONE_XLITE.pcap"));
        var poor = new RtpCallLinker().Evaluate([], engine.Streams).Where(f => f.Kind == FindingKind.RtpPoorQuality).ToList();
        Assert.Contains(poor, f => f.Severity == Severity.Error && f.WiresharkFilter!.Contains("rtp.ssrc == 0xbee0f2ed"));
    }
}
