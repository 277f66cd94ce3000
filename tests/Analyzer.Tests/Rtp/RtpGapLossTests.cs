using System.Globalization;
using PcapSipAnalyzer.Analyzer.Diagnosis;
using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>
/// Packets missing in one long gap are media that stopped or went another way for that time, not a lossy path:
/// the loss finding says so and the E-model's verdict, which spreads the loss over the whole call, is not given.
/// Loss spread along a stream keeps both.
/// </summary>
public class RtpGapLossTests
{
    private static async Task<AnalysisResult> AnalyzeAsync(string fixture) =>
        await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(Fixtures.PathOf(fixture))]);

    // tshark's "Lost" and "Max Delta(ms)" of the stream with this SSRC that lost the most (an SSRC can go to two destinations).
    private static (long Lost, double MaxDeltaMs) Tshark(string fixture, uint ssrc)
    {
        var found = new List<(long Lost, double MaxDeltaMs)>();
        foreach (var line in PcapSipAnalyzer.TestSupport.Tshark.Run("-r", Fixtures.PathOf(fixture), "-q", "-z", "rtp,streams").Output.Split('\n'))
        {
            var p = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (p.Length < 12 || !p[6].StartsWith("0x", StringComparison.Ordinal) || uint.Parse(p[6][2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != ssrc) continue;
            int lost = Array.FindIndex(p, x => x.StartsWith('(') && x.EndsWith("%)", StringComparison.Ordinal)) - 1;
            found.Add((long.Parse(p[lost], CultureInfo.InvariantCulture), double.Parse(p[lost + 4], CultureInfo.InvariantCulture)));
        }
        return found.Count > 0 ? found.MaxBy(s => s.Lost) : throw new InvalidOperationException($"tshark lists no stream 0x{ssrc:x8}");
    }

    [Fact]
    public async Task Loss_in_one_long_gap_is_an_interruption_not_poor_quality()
    {
        // nDPI's fax call: one direction's sequence numbers jump by 1,838 over 34 s while the other direction flows.
        const string Fixture = "public/nDPI/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap";
        var result = await AnalyzeAsync(Fixture);
        var loss = Assert.Single(result.Findings, f => f.Kind == FindingKind.RtpLoss);
        var evidence = Assert.IsType<RtpStreamEvidence>(loss.Evidence);
        var (lost, maxDelta) = Tshark(Fixture, evidence.Ssrc);
        Assert.True(maxDelta > 1000 && lost > 1000, "the fixture's gap");

        Assert.Equal(maxDelta, evidence.GapMs!.Value, 0);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"lost {lost} of "), loss.Summary);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Nearly all of the lost ones fall in one gap of {maxDelta / 1000:F1} s"), loss.Explanation);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"The audio drops out for about {maxDelta / 1000:F0} s, then comes back."), loss.ClientSymptom);
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.RtpPoorQuality && f.Evidence is RtpStreamEvidence e && e.Ssrc == evidence.Ssrc);
        var cause = Assert.Single(result.Causes, c => c.Kind == CauseKind.MediaQuality);
        Assert.Equal(Severity.Warning, cause.Severity);
        Assert.StartsWith("Find what stopped the media for that long", cause.Fix);
    }

    [Fact]
    public async Task Loss_spread_along_the_stream_stays_poor_quality()
    {
        // Asterisk_ZFONE_XLITE.pcap: 369 of 574 packets lost in one stream, in many gaps.
        const string Fixture = "public/wireshark-wiki/Asterisk_ZFONE_XLITE.pcap";
        var result = await AnalyzeAsync(Fixture);
        var loss = Assert.Single(result.Findings, f => f.Kind == FindingKind.RtpLoss);
        var evidence = Assert.IsType<RtpStreamEvidence>(loss.Evidence);
        var (lost, maxDelta) = Tshark(Fixture, evidence.Ssrc);
        Assert.Equal(369, lost);

        Assert.Null(evidence.GapMs);
        Assert.Equal("Choppy or broken-up audio.", loss.ClientSymptom);
        Assert.Contains(result.Findings, f => f.Kind == FindingKind.RtpPoorQuality);
        // Its longest gap (4.7 s) holds a fraction of the loss: the rest is spread along the stream.
        Assert.True(maxDelta > 1000);
        Assert.Null(RtpCallLinker.OneGap(result.RtpStreams.Single(s => s.Ssrc == evidence.Ssrc && s.Statistics.Lost == lost)));
    }
}
